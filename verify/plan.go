package verify

import (
	"bytes"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
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
	delims := delimiters(s)
	for i, st := range s.Statements {
		sec := st.Section
		if sec != nil && sec.Kind == model.SectionDown {
			continue
		}
		text := execText(s, st, delims[i])
		if strings.TrimSpace(text) == "" {
			continue
		}
		if len(units) == 0 || sec != cur {
			cur = sec
			inTx := sec != nil && sec.InTransaction && !s.Dialect.MySQLFamily()
			units = append(units, Unit{InTx: inTx})
		}
		u := &units[len(units)-1]
		u.Stmts = append(u.Stmts, Stmt{Text: text, Span: st.Span, St: st})
	}
	return units
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
