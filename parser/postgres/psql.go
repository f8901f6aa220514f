package postgres

import (
	"bytes"
	"sort"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Tokenize reads PostgreSQL text the way psql does and returns its tokens
// (comments included, as lex.Tokenize) and the regions that are not SQL:
//
//   - a backslash where a statement would start opens a psql meta-command
//     (\connect, \set, \i, \copy ...) that runs to the end of the line;
//   - COPY ... FROM stdin (and \copy ... from stdin) is followed, from the
//     next line, by rows of data that end at a line holding only "\.",
//     or at the end of the file. pg_dump and Sqitch files are written so.
//
// Neither region yields tokens: a quote or a comment opener in a data row
// must not swallow the SQL after it.
func Tokenize(src []byte) ([]lex.Token, []model.Region) {
	toks := make([]lex.Token, 0, len(src)/5+1) // as lex.Tokenize
	var regions []model.Region
	l := lex.New(src, lex.Postgres)
	stmt := 0       // index in toks of the current statement's first token
	atStart := true // no significant token since the last ; or meta-command
	// pending counts the data regions that start after the current line:
	// the lexer then reads only up to the end of that line.
	pending := 0
	for {
		t := l.Next()
		if t.Kind == lex.EOF {
			if pending == 0 {
				break
			}
			at := l.Pos()
			for ; pending > 0; pending-- {
				r := copyData(src, at)
				if r.Span.End > r.Span.Start {
					regions = append(regions, r)
				}
				at = r.Span.End
			}
			l = lex.New(src, lex.Postgres)
			l.SetPos(at)
			continue
		}
		if atStart && t.Kind == lex.Op && src[t.Start] == '\\' {
			end := lineEnd(src, t.Start)
			regions = append(regions, model.Region{Kind: model.RegionPsqlMeta, Span: model.Span{Start: t.Start, End: end}})
			if m, ok := metaCopy(src[t.Start:end]); ok && m.stdin {
				pending++
			}
			if pending > 0 { // rows follow this line
				l = lex.New(src[:end], lex.Postgres)
			}
			l.SetPos(end)
			stmt = len(toks)
			continue
		}
		toks = append(toks, t)
		switch t.Kind {
		case lex.Comment:
		case lex.Semicolon:
			if copyFromStdin(src, toks[stmt:]) {
				// psql sends the statement, then reads the rows from the
				// next line on; the rest of this line is SQL read after them.
				pending++
				pos := l.Pos()
				l = lex.New(src[:lineEnd(src, pos)], lex.Postgres)
				l.SetPos(pos)
			}
			stmt, atStart = len(toks), true
		default:
			atStart = false
		}
	}
	return toks, regions
}

// lineEnd is the offset of the line feed that ends the line holding off,
// or the end of src.
func lineEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// copyData is the data region that starts on the line after eol (the end
// of the line of a COPY ... FROM stdin): up to and including the line
// "\." (psql's end-of-data marker, which it reads with or without a
// carriage return before the line feed), or to the end of the file.
func copyData(src []byte, eol int) model.Region {
	start := min(eol+1, len(src))
	for p := start; p < len(src); {
		end := lineEnd(src, p)
		line := bytes.TrimSuffix(src[p:end], []byte("\r"))
		if string(line) == `\.` {
			return model.Region{Kind: model.RegionCopyData, Span: model.Span{Start: start, End: end}}
		}
		p = end + 1
	}
	return model.Region{Kind: model.RegionCopyData, Span: model.Span{Start: start, End: len(src)}}
}

// CopyFromStdin reports whether a statement's text is a COPY ... FROM
// STDIN, whose rows follow it in the script.
func CopyFromStdin(text []byte) bool {
	return copyFromStdin(text, lex.Tokenize(text, lex.Postgres))
}

// copyFromStdin reports whether the tokens of a statement are a
// COPY ... FROM STDIN.
func copyFromStdin(src []byte, toks []lex.Token) bool {
	for len(toks) > 0 && toks[0].Kind == lex.Comment {
		toks = toks[1:]
	}
	if len(toks) == 0 || !lex.Is(src, toks[0], "COPY") {
		return false
	}
	toks = lex.Significant(toks)
	from := fromClause(src, toks)
	return from >= 0 && from+1 < len(toks) && lex.Is(src, toks[from+1], "STDIN")
}

// fromClause is the index of the word FROM outside parentheses, or -1.
func fromClause(src []byte, toks []lex.Token) int {
	depth := 0
	for i, t := range toks {
		switch {
		case t.Kind == lex.LParen:
			depth++
		case t.Kind == lex.RParen:
			depth--
		case depth == 0 && lex.Is(src, t, "FROM"):
			return i
		case depth == 0 && lex.Is(src, t, "TO"):
			return -1
		}
	}
	return -1
}

// copyMeta is a psql \copy ... from command.
type copyMeta struct {
	// fromEnd is the offset, in the command line, of the end of FROM.
	fromEnd int
	// load names the source, for messages.
	load  string
	stdin bool
}

// metaCopy reads a meta-command line: ok is set for a \copy that loads
// rows into a table. psql's \copy takes the rest of the line as the
// arguments of a COPY, but file names need no quotes.
func metaCopy(line []byte) (copyMeta, bool) {
	const cmd = `\copy`
	if !bytes.HasPrefix(line, []byte(cmd)) || len(line) > len(cmd) && !isBlank(line[len(cmd)]) {
		return copyMeta{}, false
	}
	// The tokens of the line are \ copy <arguments>.
	args := lex.SignificantTokens(line, lex.Postgres)
	if len(args) < 2 {
		return copyMeta{}, false
	}
	args = args[2:]
	if len(args) == 0 || args[0].Kind == lex.LParen { // \copy (query) to ...
		return copyMeta{}, false
	}
	from := fromClause(line, args)
	if from < 0 {
		return copyMeta{}, false
	}
	m := copyMeta{fromEnd: args[from].End, load: `\copy from a client file`}
	if from+1 < len(args) {
		switch src := args[from+1]; {
		case lex.Is(line, src, "STDIN"):
			m.load, m.stdin = `\copy from stdin`, true
		case lex.Is(line, src, "PSTDIN"):
			m.load = `\copy from psql's standard input`
		case lex.Is(line, src, "PROGRAM"):
			m.load = `\copy from a program`
		}
	}
	return m, true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// metaStatements turns the \copy ... from lines among the regions into
// statements, each with the insert effect of the COPY it runs, and files
// them among the top-level statements in source order.
func (c *conv) metaStatements(regions []model.Region) {
	var extra []*model.Statement
	for _, r := range regions {
		if r.Kind != model.RegionPsqlMeta {
			continue
		}
		line := c.s.Source[r.Span.Start:r.Span.End]
		m, ok := metaCopy(line)
		if !ok {
			continue
		}
		// Parse "COPY <table and columns> FROM STDIN" at the offsets of
		// the line: "\copy" and "COPY " have the same length.
		buf := append(append([]byte("COPY "), line[len(`\copy`):m.fromEnd]...), " STDIN"...)
		base := r.Span.Start
		mc := &conv{s: c.s, text: buf, toks: lex.SignificantTokens(buf, lex.Postgres), file: c.file,
			toFile: func(i int) int { return base + min(i, len(line)) }}
		for _, st := range mc.parseText(0, len(buf)) {
			st.Span = r.Span
			if st.Err == nil {
				st.Tag = `\copy`
			}
			for _, e := range st.Effects {
				e.Load = m.load
			}
			extra = append(extra, st)
		}
	}
	if len(extra) == 0 {
		return
	}
	c.s.Statements = append(c.s.Statements, extra...)
	sort.SliceStable(c.s.Statements, func(i, j int) bool { return c.s.Statements[i].Span.Start < c.s.Statements[j].Span.Start })
}

// maskRegions returns src with the bytes of the regions that are not SQL
// blanked (line feeds kept, so that lines and offsets stay), or src itself
// when there are none.
func maskRegions(src []byte, regions []model.Region) []byte {
	var out []byte
	for _, r := range regions {
		if r.Kind != model.RegionCopyData && r.Kind != model.RegionPsqlMeta {
			continue
		}
		if out == nil {
			out = append([]byte(nil), src...)
		}
		for i := r.Span.Start; i < r.Span.End && i < len(out); i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	if out == nil {
		return src
	}
	return out
}
