package rewrite

import (
	"bytes"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// frame is what a rewrite needs to know about the statement and the file
// around it to write text that looks as if the author wrote it.
type frame struct {
	r  *Rewriter
	s  *model.Script
	e  *model.Effect
	st *model.Statement
	// body is the statement's text without its terminator; term is the
	// terminator as written ("" when the statement has none).
	body, term string
	// delim is the statement delimiter in force: ";" unless a MySQL
	// DELIMITER command changed it.
	delim string
	// indent is the blank space before the statement on its line; eol is
	// the file's line ending.
	indent, eol string
	// lower is set when the statement's first keyword is lower-case.
	lower bool
	// lineStart is set when only blanks precede the statement on its line.
	lineStart bool
	// gooseBlock is set inside a goose StatementBegin/StatementEnd block.
	gooseBlock bool
	// toks caches pgTokens, which several checks of one fix read.
	toks []lex.Token
}

// history calls fn with the schema history as this file has built it
// when the statement runs (the file alone: no folder history).
func (f *frame) history(fn func(h *schema.History)) {
	if h := f.r.history(f.st); h != nil {
		fn(h)
	}
}

func (r *Rewriter) frame(e *model.Effect) (*frame, bool) {
	f, ok := r.stmtFrame(e.Stmt)
	if ok {
		f.e = e
	}
	return f, ok
}

// stmtFrame is the frame of a statement, for a rewrite that adds to it
// rather than guards one of its effects.
func (r *Rewriter) stmtFrame(st *model.Statement) (*frame, bool) {
	s := r.s
	if st == nil || st.Parent != nil || st.Err != nil || s.Crash != "" {
		return nil, false
	}
	sp := st.Span
	if sp.Start < 0 || sp.End > len(s.Source) || sp.Start >= sp.End {
		return nil, false
	}
	f := &frame{r: r, s: s, st: st, delim: ";", eol: "\n"}
	if s.Dialect.MySQLFamily() {
		f.delim = r.delimiterAt(sp.Start)
	}
	text := string(s.Source[sp.Start:sp.End])
	f.body = text
	if strings.HasSuffix(text, f.delim) {
		f.body, f.term = strings.TrimRight(text[:len(text)-len(f.delim)], " \t\r\n"), f.delim
	}
	ls := r.lineStart(sp.Start)
	pre := s.Source[ls:sp.Start]
	f.lineStart = len(bytes.Trim(pre, " \t")) == 0
	if f.lineStart {
		f.indent = string(pre)
	}
	if i := bytes.IndexByte(s.Source, '\n'); i > 0 && s.Source[i-1] == '\r' {
		f.eol = "\r\n"
	}
	w := firstWord(f.body)
	f.lower = w != "" && w == strings.ToLower(w)
	if s.Framework == model.Goose {
		f.gooseBlock = r.inGooseBlock(sp.Start)
	}
	return f, true
}

// firstWord is the leading run of letters of s.
func firstWord(s string) string {
	i := 0
	for i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z') {
		i++
	}
	return s[:i]
}

// kw writes keywords in the statement's case.
func (f *frame) kw(s string) string {
	if f.lower {
		return strings.ToLower(s)
	}
	return s
}

// lines joins lines with the file's line ending, indenting every line
// after the first as the statement is.
func (f *frame) lines(ls ...string) string {
	return strings.Join(ls, f.eol+f.indent)
}

// replace swaps the whole statement, terminator included, for text.
func (f *frame) replace(text string) []model.Edit {
	return []model.Edit{{Start: f.st.Span.Start, End: f.st.Span.End, Text: text}}
}

// around keeps the statement as written and adds lines before and after
// it: before ends where the statement begins, after starts on a line of
// its own after the terminator.
func (f *frame) around(before, after string) []model.Edit {
	sp := f.st.Span
	edits := []model.Edit{{Start: sp.Start, End: sp.Start, Text: before + f.eol + f.indent}}
	end := ""
	if f.term == "" {
		// The statement runs inside the new form: it needs its own end.
		end = f.delim
	}
	return append(edits, model.Edit{Start: sp.End, End: sp.End, Text: end + f.eol + f.indent + after})
}

// gooseWrap puts a goose StatementBegin/StatementEnd pair around text
// that holds several statements or a dollar-quoted body, which goose
// would otherwise split at each line ending in a semicolon. Inside a
// block, or in other frameworks, text is returned as it is.
func (f *frame) gooseWrap(before, after string) (string, string, bool) {
	if f.s.Framework != model.Goose || f.gooseBlock {
		return before, after, true
	}
	if !f.lineStart {
		// The markers must start their lines.
		return "", "", false
	}
	return f.lines("-- +goose StatementBegin", before), f.lines(after, "-- +goose StatementEnd"), true
}

// pgLit writes s as a PostgreSQL string literal.
func pgLit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// dollarTag returns a dollar-quote tag that does not occur in text.
func dollarTag(text string) string {
	for _, t := range []string{"$$", "$do$", "$idemlint$", "$idemlint_do$"} {
		if !strings.Contains(text, t) {
			return t
		}
	}
	return ""
}

// myLit writes s as a MySQL string literal, or false when s holds a
// backslash: whether the server reads it as an escape depends on
// NO_BACKSLASH_ESCAPES, which the file cannot tell.
func myLit(s string) (string, bool) {
	if strings.ContainsRune(s, '\\') {
		return "", false
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", true
}
