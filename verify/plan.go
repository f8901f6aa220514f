package verify

import (
	"bytes"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres"
)

// Unit is a run of statements a migration tool sends under one
// transaction mode: one framework section.
type Unit struct {
	// InTx says the tool wraps the statements in one transaction.
	InTx  bool
	Stmts []Stmt
}

// Stmt is one statement as the server receives it.
type Stmt struct {
	// Text is what is sent: the statement without its terminator when the
	// terminator is a client-side delimiter.
	Text string
	// Span is the statement's place in the file, for findings.
	Span model.Span
	St   *model.Statement
	// Data is set on a psql COPY ... FROM stdin whose rows follow it in
	// the file: they go to the server as COPY data, never as SQL.
	Data []byte
}

// Plan turns a parsed migration into what a migration tool sends: the
// top-level statements of its up sections (or of the whole file), in
// order, grouped by section with the section's transaction mode.
// PostgreSQL honours the framework's transaction per section; MySQL and
// MariaDB commit every DDL statement on their own, so there every
// statement runs by itself, the way a half-applied file behaves in
// production.
func Plan(s *model.Script) []Unit {
	var units []Unit
	var cur *model.Section
	add := func(sec *model.Section, st Stmt) {
		if sec != nil && sec.Kind == model.SectionDown {
			return
		}
		if len(units) == 0 || sec != cur {
			cur = sec
			inTx := sec != nil && sec.InTransaction && !s.Dialect.MySQLFamily()
			units = append(units, Unit{InTx: inTx})
		}
		u := &units[len(units)-1]
		u.Stmts = append(u.Stmts, st)
	}
	delims := delimiters(s)
	blocks := copyBlocks(s)
	next := 0 // the next block a \copy meta-command may open
	for i, st := range s.Statements {
		// psql's \copy ... from stdin lines before this statement run as
		// COPY with their data.
		for ; next < len(blocks) && blocks[next].data.Start <= st.Span.Start; next++ {
			if b := blocks[next]; b.meta != "" {
				add(sectionAt(s, b.at), Stmt{Text: b.meta, Span: model.Span{Start: b.at, End: b.data.Start}, Data: b.bytes(s)})
			}
		}
		if notSQL(s, st.Span) {
			continue
		}
		text, span, data := execText(s, st, delims[i]), st.Span, []byte(nil)
		for _, b := range blocks {
			switch {
			case b.copy == st:
				data = b.bytes(s)
			case span.Start < b.after && span.End > b.data.Start:
				// The parser read data rows as SQL: send only what
				// follows the block's end, which psql runs as SQL.
				if span.End <= b.after {
					text = ""
					break
				}
				span.Start = b.after
				for span.Start < span.End && isBlank(s.Source[span.Start]) {
					span.Start++
				}
				text = execText(s, &model.Statement{Span: span}, delims[i])
			}
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		add(st.Section, Stmt{Text: text, Span: span, St: st, Data: data})
	}
	for ; next < len(blocks); next++ {
		if b := blocks[next]; b.meta != "" {
			add(sectionAt(s, b.at), Stmt{Text: b.meta, Span: model.Span{Start: b.at, End: b.data.Start}, Data: b.bytes(s)})
		}
	}
	return units
}

// notSQL reports whether a span lies in a region that is not SQL for the
// server (COPY rows, psql meta-commands): psql never sends it as SQL.
func notSQL(s *model.Script, sp model.Span) bool {
	for _, r := range s.Regions {
		if (r.Kind == model.RegionCopyData || r.Kind == model.RegionPsqlMeta) && sp.Start >= r.Span.Start && sp.End <= r.Span.End {
			return true
		}
	}
	return false
}

// sectionAt is the section that holds an offset.
func sectionAt(s *model.Script, off int) *model.Section {
	for _, sec := range s.Sections {
		if off >= sec.Span.Start && off < sec.Span.End {
			return sec
		}
	}
	return nil
}

// copyBlock is a psql COPY ... FROM stdin (or \copy ... from stdin) and
// the data rows after it, up to a line "\." or the end of the file, the
// way psql reads a script.
type copyBlock struct {
	// copy is the COPY statement; for a \copy meta-command, meta is the
	// COPY statement it stands for and at where the line starts.
	copy *model.Statement
	meta string
	at   int
	data model.Span
	// after is where SQL resumes: past the "\." line.
	after int
}

// bytes are the block's rows. Not nil, even when there are none, so that
// they are sent as COPY data.
func (b copyBlock) bytes(s *model.Script) []byte {
	d := s.Source[b.data.Start:b.data.End]
	// The parser's region ends with the "\." line, which is not a row.
	last := d[bytes.LastIndexByte(d, '\n')+1:]
	if string(bytes.TrimRight(last, "\r")) == `\.` {
		d = d[:len(d)-len(last)]
	}
	return append([]byte{}, d...)
}

// copyBlocks finds the COPY ... FROM stdin statements of a PostgreSQL
// script and their data, in order, from the regions the parser marks for
// the rows.
func copyBlocks(s *model.Script) []copyBlock {
	if s.Dialect.MySQLFamily() {
		return nil
	}
	var out []copyBlock
	for k, r := range s.Regions {
		if r.Kind != model.RegionCopyData {
			continue
		}
		b := copyBlock{data: r.Span, after: lineEnd(s.Source, r.Span.End)}
		// The region follows the COPY statement or \copy line before it.
		if k > 0 && s.Regions[k-1].Kind == model.RegionPsqlMeta && s.Regions[k-1].Span.End <= r.Span.Start {
			if m := s.Regions[k-1]; !statementBetween(s, m.Span.End, r.Span.Start) {
				b.meta, b.at = metaCopy(s.Text(m.Span)), m.Span.Start
			}
		}
		if b.meta == "" {
			for _, st := range s.Statements {
				if st.Span.End <= r.Span.Start {
					b.copy = st
				}
			}
		}
		if b.meta != "" || b.copy != nil {
			out = append(out, b)
		}
	}
	return out
}

// lineEnd is the offset after the line break that ends the line holding
// off, or the end of src.
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

func statementBetween(s *model.Script, from, to int) bool {
	for _, st := range s.Statements {
		if st.Span.Start >= from && st.Span.Start < to {
			return true
		}
	}
	return false
}

// metaCopy turns a "\copy ... from stdin" line into the COPY statement it
// stands for, or "" for any other meta-command: psql sends \copy's
// arguments as a COPY and feeds it the rows that follow.
func metaCopy(line string) string {
	line = strings.TrimSpace(line)
	if len(line) < 6 || !strings.EqualFold(line[:5], `\copy`) || !isBlank(line[5]) {
		return ""
	}
	q := "COPY" + line[5:]
	if !postgres.CopyFromStdin([]byte(q)) {
		return ""
	}
	return strings.TrimRight(strings.TrimSpace(q), ";")
}

// delimiters returns the client-side statement delimiter in force at each
// top-level statement: ";" unless a MySQL DELIMITER command (which lives
// between statements, not in them) or a Liquibase endDelimiter says
// otherwise.
func delimiters(s *model.Script) []string {
	out := make([]string, len(s.Statements))
	cur := ";"
	prevEnd := 0
	for i, st := range s.Statements {
		if s.Dialect.MySQLFamily() && st.Span.Start > prevEnd && st.Span.Start <= len(s.Source) {
			if d, ok := lastDelimiterCommand(s.Source[prevEnd:st.Span.Start]); ok {
				cur = d
			}
		}
		out[i] = cur
		if st.Section != nil {
			if d := st.Section.Attrs["endDelimiter"]; d != "" {
				out[i] = d
			}
		}
		prevEnd = max(prevEnd, st.Span.End)
	}
	return out
}

// lastDelimiterCommand finds the last "DELIMITER x" line in text between
// statements, outside comments.
func lastDelimiterCommand(gap []byte) (string, bool) {
	found, d := false, ""
	for _, t := range lex.Tokenize(gap, lex.MySQL) {
		if t.Kind != lex.Word || !strings.EqualFold(string(gap[t.Start:t.End]), "delimiter") {
			continue
		}
		line := gap[t.End:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if f := strings.Fields(string(line)); len(f) > 0 {
			found, d = true, f[0]
		}
	}
	return d, found
}

// execText is a statement's text without the client-side delimiter that
// ends it (a custom DELIMITER, a Liquibase endDelimiter) and without a
// trailing semicolon, which the server does not need.
func execText(s *model.Script, st *model.Statement, delim string) string {
	text := strings.TrimRight(s.Text(st.Span), " \t\r\n")
	if delim != "" && delim != ";" && len(text) >= len(delim) && strings.EqualFold(text[len(text)-len(delim):], delim) {
		text = strings.TrimRight(text[:len(text)-len(delim)], " \t\r\n")
	}
	mode := lex.Postgres
	if s.Dialect.MySQLFamily() {
		mode = lex.MySQL
	}
	// Only a real semicolon token goes: a trailing comment or a string
	// ending in ';' stays as it is.
	toks := lex.Tokenize([]byte(text), mode)
	for len(toks) > 0 {
		last := toks[len(toks)-1]
		if last.Kind != lex.Semicolon {
			break
		}
		text = strings.TrimRight(text[:last.Start], " \t\r\n")
		toks = toks[:len(toks)-1]
	}
	return text
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' }
