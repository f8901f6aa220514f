// Package postgres reads PostgreSQL migrations into the model with
// libpg_query (pg_query_go), the server's own grammar.
package postgres

import (
	"errors"
	"sort"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
	pgerr "github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// conv converts one parsed text into model statements. The text is either
// the file itself or SQL nested in it (a DO body, an EXECUTE string);
// toFile maps offsets in the text to offsets in the file.
type conv struct {
	s    *model.Script
	text []byte
	toks []lex.Token // significant tokens of text
	// locBase is added to node locations: non-zero when a piece of the
	// text was parsed on its own.
	locBase int
	toFile  func(int) int
	// parent is the statement nested SQL belongs to (nil at top level).
	parent *model.Statement
	// file is shared by a file and the SQL nested in it.
	file *fileState
}

// fileState is what the statements of a file learn for those after them.
type fileState struct {
	// recordDeps is set once a statement that a dependent can block (a
	// DROP, a column's DROP or type change) has been seen, or from the
	// start in a file that says CASCADE (a DROP ... CASCADE further on
	// takes dependents along); then created objects record what they
	// depend on (see depends.go).
	recordDeps bool
	// funcs are the functions the file creates, by name, for the calls
	// a view makes to them.
	funcs map[string]*madeFuncs
}

// Parse fills s.Statements from the whole file. toks and the psql
// regions among regions come from Tokenize: the parser sees the regions
// that are not SQL as blanks, and each \copy ... from line becomes a
// statement. The framework regions are the parts a migration framework
// sends on their own: each is parsed alone, so that a statement never
// runs on into the next part.
func Parse(s *model.Script, toks []lex.Token, regions []model.Region) {
	if s.Target.IsZero() {
		s.Target = model.DefaultTarget(s.Dialect)
	}
	c := &conv{s: s, text: maskRegions(s.Source, regions), toks: lex.Significant(toks), toFile: func(i int) int { return i }, file: &fileState{}}
	c.file.recordDeps = saysCascade(c.text, c.toks)
	s.Statements = nil
	for _, part := range frameworkParts(regions, len(s.Source)) {
		s.Statements = append(s.Statements, c.parseText(part.Start, part.End)...)
	}
	c.metaStatements(regions)
}

// frameworkParts are the framework regions in order, or the whole text
// when there are none.
func frameworkParts(regions []model.Region, n int) []model.Span {
	var out []model.Span
	for _, r := range regions {
		if r.Kind == model.RegionFramework && r.Span.Start < r.Span.End {
			out = append(out, r.Span)
		}
	}
	if len(out) == 0 {
		return []model.Span{{End: n}}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// parseText parses text[start:end] and returns its statements. One parse
// of the whole input is the fast path; when it fails, the input is split
// on top-level semicolons and each piece parsed alone, so that one bad
// statement does not hide the others. No statement that nests deeper than
// MaxDepth reaches libpg_query.
func (c *conv) parseText(start, end int) []*model.Statement {
	if end-start > maxParseText {
		if list, ok := c.parseWindows(start, end); ok {
			return list
		}
	}
	list, _ := c.parseTree(start, end)
	return list
}

// maxParseText is the most text parseWindows gives one parse, unless one
// statement is longer.
var maxParseText = 1 << 20

// parseWindows parses a long text a window of statements at a time: its
// whole tree, and the JSON libpg_query writes it as, would otherwise be
// held at once (a 16 MiB file of guarded inserts peaked at 930 MB, and
// at 800 MB in windows: 200 MB of model, the rest the collector's room,
// gctune.PerByte). Windows end at
// semicolons the token stream shows at the top level, which a statement
// body may hold too (a rule's action list, a BEGIN ATOMIC body with CASE
// ... END): a window that ends inside a statement does not parse, and
// then, as on any error, the text is parsed as it would be without
// windows (false).
func (c *conv) parseWindows(start, end int) ([]*model.Statement, bool) {
	pieces := c.split(start, end)
	var out []*model.Statement
	for i := 0; i < len(pieces); {
		j := i + 1
		for j < len(pieces) && pieces[j].End-pieces[i].Start <= maxParseText {
			j++
		}
		from, to := pieces[i].Start, pieces[j-1].End
		if tooDeep(c.text, c.toks[c.tokAt(from):c.tokAt(to)]) {
			return nil, false
		}
		tree, err := pgparse.Parse(string(c.text[from:to]))
		if err != nil {
			return nil, false
		}
		out = append(out, c.statements(tree, from, to)...)
		i = j
	}
	return out, true
}

// parseTree is parseText that also returns the parse tree when the text
// parsed in one piece.
func (c *conv) parseTree(start, end int) ([]*model.Statement, *pg.ParseResult) {
	at := -1
	if !tooDeep(c.text, c.toks[c.tokAt(start):c.tokAt(end)]) {
		tree, err := pgparse.Parse(string(c.text[start:end]))
		if err == nil {
			return c.statements(tree, start, end), tree
		}
		at = c.errorAt(start, end, err)
	}
	return c.parseChunks(c.split(start, end), at), nil
}

// parseChunks parses pieces that did not parse as one text. The parser's
// error position names the piece it stopped in: the pieces before it are
// parsed as one chunk, the failing piece alone, and parsing goes on from
// the next piece in a window of pieces. The window shrinks to twice the
// run of good pieces a failure ended and grows fourfold with each window
// that parses, so a file with errors all through it (a regression
// script) reads each byte a few times, not once per error after it. at
// is where parsing all the pieces together failed, -1 when that was not
// tried or the error has no position.
func (c *conv) parseChunks(pieces []model.Span, at int) []*model.Statement {
	const minWindow = 8
	var out []*model.Statement
	i, w := 0, len(pieces)
	for tried := at >= 0; i < len(pieces); tried = false {
		j := min(len(pieces), i+w)
		from, to := pieces[i].Start, pieces[j-1].End
		if !tried {
			if tooDeep(c.text, c.toks[c.tokAt(from):c.tokAt(to)]) {
				out = append(out, c.eachPiece(pieces[i:j])...)
				i = j
				continue
			}
			tree, err := pgparse.Parse(string(c.text[from:to]))
			if err == nil {
				out = append(out, c.statements(tree, from, to)...)
				i, w = j, w*4
				continue
			}
			at = c.errorAt(from, to, err)
		}
		k := pieceAt(pieces[:j], i, at)
		if k < 0 {
			out = append(out, c.eachPiece(pieces[i:j])...)
			i = j
			continue
		}
		if k > i {
			out = append(out, c.chunk(pieces[i:k])...)
		}
		out = append(out, c.eachPiece(pieces[k:k+1])...)
		i, w = k+1, max(minWindow, 2*(k+1-i))
	}
	return out
}

// errorAt is the text offset a parse of text[from:to] failed at, or -1.
func (c *conv) errorAt(from, to int, err error) int {
	var pe *pgerr.Error
	if !errors.As(err, &pe) || pe.Cursorpos <= 0 {
		return -1
	}
	return from + lex.CharsToBytes(c.text[from:to], pe.Cursorpos-1)
}

// pieceAt is the index, from i on, of the piece that holds offset at;
// -1 when none does.
func pieceAt(pieces []model.Span, i, at int) int {
	if at < 0 {
		return -1
	}
	for k := i; k < len(pieces); k++ {
		if at < pieces[k].End || k == len(pieces)-1 && at == pieces[k].End {
			return k
		}
	}
	return -1
}

// chunk parses pieces that each parse alone as one text; when they do
// not after all, one at a time.
func (c *conv) chunk(pieces []model.Span) []*model.Statement {
	from, to := pieces[0].Start, pieces[len(pieces)-1].End
	if !tooDeep(c.text, c.toks[c.tokAt(from):c.tokAt(to)]) {
		if tree, err := pgparse.Parse(string(c.text[from:to])); err == nil {
			return c.statements(tree, from, to)
		}
	}
	return c.eachPiece(pieces)
}

// eachPiece parses pieces one at a time, so that one bad statement does
// not hide the others.
func (c *conv) eachPiece(pieces []model.Span) []*model.Statement {
	var out []*model.Statement
	for _, piece := range pieces {
		if tooDeep(c.text, c.toks[c.tokAt(piece.Start):c.tokAt(piece.End)]) {
			out = append(out, c.limitError(piece))
			continue
		}
		tree, err := pgparse.Parse(string(c.text[piece.Start:piece.End]))
		if err != nil {
			if newer := c.newerSyntax(piece); newer != "" {
				if t, err2 := pgparse.Parse(newer); err2 == nil {
					tree, err = t, nil
				}
			}
		}
		if err != nil {
			out = append(out, c.syntaxError(piece, err))
			continue
		}
		out = append(out, c.statements(tree, piece.Start, piece.End)...)
	}
	return out
}

func (c *conv) statements(tree *pg.ParseResult, start, end int) []*model.Statement {
	out := make([]*model.Statement, 0, len(tree.Stmts))
	for _, raw := range tree.Stmts {
		loc := start + int(raw.StmtLocation)
		stop := end
		if raw.StmtLen > 0 {
			stop = loc + int(raw.StmtLen)
		}
		sp, ok := c.stmtSpan(loc, stop, end)
		if !ok {
			continue
		}
		saved := c.locBase
		c.locBase = start
		st := c.statement(raw.Stmt, sp)
		c.locBase = saved
		out = append(out, st)
	}
	return out
}

// stmtSpan finds the first keyword at or after loc and the last token
// before stop, and takes in the terminating semicolon when it lies before
// limit (the end of the text parsed: a semicolon past it belongs to the
// next part a framework sends). Spans are in text coordinates.
func (c *conv) stmtSpan(loc, stop, limit int) (model.Span, bool) {
	i := c.tokAt(loc)
	if i >= len(c.toks) || c.toks[i].Start >= stop {
		return model.Span{}, false
	}
	j := c.tokAt(stop) - 1
	if j < i {
		j = i
	}
	for j > i && c.toks[j].Kind == lex.Semicolon {
		j--
	}
	endTok := j
	if endTok+1 < len(c.toks) && c.toks[endTok+1].Kind == lex.Semicolon && c.toks[endTok+1].Start < limit {
		endTok++
	}
	return model.Span{Start: c.toks[i].Start, End: c.toks[endTok].End}, true
}

// tokAt returns the index of the first token starting at or after off.
func (c *conv) tokAt(off int) int {
	return sort.Search(len(c.toks), func(i int) bool { return c.toks[i].Start >= off })
}

// tokContaining returns the index of the token that contains off, or the
// next one.
func (c *conv) tokContaining(off int) int {
	i := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].End > off })
	return i
}

// span maps a text range to the file. Dynamic SQL can put text together
// out of file order (format('%s x', 'TABLE') starts in its argument, after
// the format string): such a range gets the file range that holds all of
// its bytes.
func (c *conv) span(start, end int) model.Span {
	sp := model.Span{Start: c.toFile(start), End: c.toFile(end)}
	if sp.Start > sp.End {
		for i := start; i < end; i++ {
			f := c.toFile(i)
			sp.Start, sp.End = min(sp.Start, f), max(sp.End, f+1)
		}
	}
	return sp
}

// fileSpan maps a text span to the file.
func (c *conv) fileSpan(sp model.Span) model.Span { return c.span(sp.Start, sp.End) }

// loc converts a node location to a text offset; ok is false for the
// -1 that libpg_query uses for "unknown".
func (c *conv) loc(l int32) (int, bool) {
	if l < 0 {
		return 0, false
	}
	return c.locBase + int(l), true
}

// split cuts text[start:end] at top-level semicolons, keeping BEGIN
// ATOMIC ... END bodies whole. Pieces keep their leading comments so that
// error positions map back simply.
func (c *conv) split(start, end int) []model.Span {
	var out []model.Span
	i := c.tokAt(start)
	pieceStart := start
	atomic := 0
	for ; i < len(c.toks) && c.toks[i].Start < end; i++ {
		t := c.toks[i]
		switch {
		case lex.Is(c.text, t, "ATOMIC") && i > 0 && lex.Is(c.text, c.toks[i-1], "BEGIN"):
			atomic++
		case atomic > 0 && lex.Is(c.text, t, "END"):
			atomic--
		case t.Kind == lex.Semicolon && atomic == 0:
			out = append(out, model.Span{Start: pieceStart, End: t.End})
			pieceStart = t.End
		}
	}
	if j := c.tokAt(pieceStart); j < len(c.toks) && c.toks[j].Start < end {
		out = append(out, model.Span{Start: pieceStart, End: end})
	}
	return out
}

// syntaxError builds a statement for a piece the parser rejected. The
// cursor position libpg_query reports counts characters from 1. An error
// that does not come from the grammar (pg_query_go's protobuf decoder
// refusing a tree, say) is the parser's own failure.
func (c *conv) syntaxError(piece model.Span, err error) *model.Statement {
	sp := c.pieceSpan(piece)
	pos := sp.Start
	kind, msg := model.ErrInternal, "libpg_query failed on this statement: "+err.Error()
	var pe *pgerr.Error
	if errors.As(err, &pe) {
		kind, msg = model.ErrSyntax, pe.Message
		if pe.Cursorpos > 0 {
			pos = piece.Start + lex.CharsToBytes(c.text[piece.Start:piece.End], pe.Cursorpos-1)
		}
	}
	st := &model.Statement{Span: c.fileSpan(sp), Kind: model.KindOther, Tag: c.tag(sp), Parent: c.parent,
		Err: &model.SyntaxError{Kind: kind, Message: msg, Pos: c.toFile(pos)}}
	return st
}

// limitError builds the statement for a piece that nests too deep to be
// parsed; the finding sits at its first keyword.
func (c *conv) limitError(piece model.Span) *model.Statement {
	sp := c.pieceSpan(piece)
	return &model.Statement{Span: c.fileSpan(sp), Kind: model.KindOther, Tag: c.tag(sp), Parent: c.parent,
		Err: &model.SyntaxError{Kind: model.ErrLimit, Message: depthMessage("this statement"), Pos: c.toFile(sp.Start)}}
}

// pieceSpan is the statement span of a piece: from its first keyword.
func (c *conv) pieceSpan(piece model.Span) model.Span {
	if sp, ok := c.stmtSpan(piece.Start, piece.End, piece.End); ok {
		return sp
	}
	return piece
}

// tag names a statement by its first words, for messages.
func (c *conv) tag(sp model.Span) string {
	i := c.tokAt(sp.Start)
	var words []string
	for ; i < len(c.toks) && c.toks[i].Start < sp.End && len(words) < 2; i++ {
		t := c.toks[i]
		if t.Kind != lex.Word {
			break
		}
		w := strings.ToUpper(t.Text(c.text))
		switch w {
		case "OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "MATERIALIZED", "ONLY":
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// newerSyntax rewrites, without changing any offset, the PostgreSQL 18
// clauses that the PostgreSQL 16 grammar of libpg_query rejects but whose
// meaning the linter can keep: ADD CONSTRAINT name NOT NULL col becomes
// ADD CONSTRAINT name CHECK(col), which records the same named constraint.
// It returns "" when there is nothing to rewrite.
func (c *conv) newerSyntax(piece model.Span) string {
	from, to := c.tokAt(piece.Start), c.tokAt(piece.End)
	var buf []byte
	for i := from; i+4 < to; i++ {
		if !lex.Is(c.text, c.toks[i], "CONSTRAINT") || !c.wordsAt(i+2, "NOT", "NULL") {
			continue
		}
		col := c.toks[i+4]
		if col.Kind != lex.Word && col.Kind != lex.QuotedIdent {
			continue
		}
		if buf == nil {
			buf = append([]byte(nil), c.text[piece.Start:piece.End]...)
		}
		a, b := c.toks[i+2].Start-piece.Start, col.End-piece.Start
		repl := "CHECK(" + string(c.text[col.Start:col.End]) + ")"
		for len(repl) < b-a {
			repl += " "
		}
		copy(buf[a:b], repl)
	}
	return string(buf)
}
