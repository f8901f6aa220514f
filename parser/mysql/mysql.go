// Package mysql reads MySQL and MariaDB migrations into the model.
//
// The file is split on its own (DELIMITER commands, routine bodies kept
// whole), each statement is parsed once with the TiDB parser, and the
// bodies of routines, BEGIN NOT ATOMIC blocks and prepared-statement
// strings are read into nested statements with the conditions around them.
package mysql

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	tidb "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	_ "github.com/pingcap/tidb/pkg/parser/test_driver" // the parser needs a value driver

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Parse fills s.Statements. toks are the tokens of s.Source from the
// lexer of LexMode(s.Target).
func Parse(s *model.Script, toks []lex.Token, regions []model.Region) {
	if s.Target.IsZero() {
		s.Target = model.DefaultTarget(s.Dialect)
	}
	p := parsers.Get().(*tidb.Parser)
	defer parsers.Put(p)
	c := &conv{s: s, p: p, mariadb: s.Dialect == model.MariaDB, mode: LexMode(s.Target)}
	c.p.SetMariaDB(c.mariadb)
	src, toks, execs := unwrap(s.Source, toks)
	sig, pieces := split(src, toks, regions, true)
	x := &text{src: src, sig: sig, execs: execs, regions: sortedRegions(regions)}
	s.Statements = c.readPieces(x, pieces, c.newScope(), nil, nil)
	c.execSpans(x, s.Statements, pieces)
}

// parsers keeps TiDB parsers for reuse: a new one costs more than a small
// file's parse. Each Parse call has its own for its whole duration (the
// parser reuses its result slice and is not safe for concurrent use), and
// nothing from a parse outlives the statement it was converted for.
var parsers = sync.Pool{New: func() any { return tidb.New() }}

// conv holds what reading one script needs: one TiDB parser (its result
// slice is reused by the next parse, so nothing keeps it), and the
// target dialect, which decides the fixes offered.
type conv struct {
	s       *model.Script
	p       *tidb.Parser
	mariadb bool
	mode    lex.Mode // the lexer of the server the dialect assumes
	depth   int      // nesting of SQL strings and bodies, bounded
}

// text is SQL being read: the file itself, or the decoded content of a
// string literal whose bytes map back to file offsets.
type text struct {
	src []byte
	sig []lex.Token // significant tokens, custom delimiters as Semicolon
	off []int       // nil for the file; else file offset of each byte, plus the end
	// execs are the executable comments that run, unwrapped in src.
	execs []execComment
	// regions are the framework regions of the file, sorted; nil for a
	// string's text.
	regions []model.Region
}

func sortedRegions(rs []model.Region) []model.Region {
	rs = append([]model.Region(nil), rs...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].Span.Start < rs[j].Span.Start })
	return rs
}

// sameRegion reports whether text offsets a and b lie in the same
// framework region (or both in none).
func (x *text) sameRegion(a, b int) bool {
	at := func(off int) int {
		off = x.file(off)
		i := sort.Search(len(x.regions), func(i int) bool { return x.regions[i].Span.End > off })
		if i < len(x.regions) && x.regions[i].Span.Start <= off {
			return i
		}
		return -1
	}
	return at(a) == at(b)
}

// file maps a text offset to a file offset.
func (x *text) file(i int) int {
	if x.off == nil {
		return i
	}
	if i < 0 {
		i = 0
	}
	if i >= len(x.off) {
		i = len(x.off) - 1
	}
	return x.off[i]
}

// span maps a text range to a file span.
func (x *text) span(a, b int) model.Span {
	return model.Span{Start: x.file(a), End: x.file(b)}
}

// tokAt is the index of the first significant token starting at or after off.
func (x *text) tokAt(off int) int {
	return sort.Search(len(x.sig), func(i int) bool { return x.sig[i].Start >= off })
}

// scope is where user and local variables live: the session at top level,
// or one routine body.
type scope struct {
	env *guard.Env
	// assigns are the assignments a variable may still hold when a later
	// PREPARE reads it: the last one on each path through the branches.
	assigns map[string][]*assign
	// path identifies the branch being read (a stack of branch numbers),
	// branches counts them.
	path     []int
	branches int
	// consts are the variables that hold a constant name.
	consts consts
	// touched lists the variables assigned so far, in order: a block
	// forgets what its branches assigned once it ends.
	touched []string
}

func (c *conv) newScope() *scope {
	return &scope{env: guard.NewEnv(c.s.Dialect), assigns: map[string][]*assign{}, consts: consts{}}
}

// stmt is a statement being built, with its tokens in its text.
type stmt struct {
	*model.Statement
	c        *conv
	x        *text
	from, to int // significant tokens, terminator excluded
	sc       *scope
	// void are tokens a rewrite blanked that mean nothing to the linter;
	// see withoutVoid.
	void []int
	// names maps the stand-ins a rewrite gave to identifiers TiDB reserves
	// back to the names as written; see standIn.
	names map[string]string
}

func (st *stmt) toks() []lex.Token { return st.x.sig[st.from:st.to] }

// body is the statement's text range without its terminator.
func (st *stmt) body() (int, int) { return st.x.sig[st.from].Start, st.x.sig[st.to-1].End }

// readPieces reads the statements of a text.
func (c *conv) readPieces(x *text, pieces []piece, sc *scope, parent *model.Statement, guards []*model.Predicate) []*model.Statement {
	out := make([]*model.Statement, 0, len(pieces))
	for _, pc := range pieces {
		st := c.newStmt(x, pc.from, pc.to, pc.term, sc, parent, guards)
		c.safeRead(st)
		out = append(out, st.Statement)
	}
	return out
}

// internalError prefixes the message of a statement the adapter failed
// on; the fuzz tests look for it.
const internalError = "internal error reading this statement: "

// panicky lets the fuzz tests see panics with their stack.
var panicky = false

// safeRead reads a statement; a bug in the adapter costs that statement,
// not the file.
func (c *conv) safeRead(st *stmt) {
	if panicky {
		c.read(st)
		return
	}
	depth := c.depth
	defer func() {
		if r := recover(); r != nil {
			c.depth = depth
			a, _ := st.body()
			st.Kind, st.Effects, st.Children = model.KindOther, nil, nil
			st.Err = &model.SyntaxError{Message: fmt.Sprint(internalError, r), Pos: st.x.file(a)}
		}
	}()
	c.read(st)
}

func (c *conv) newStmt(x *text, from, to, term int, sc *scope, parent *model.Statement, guards []*model.Predicate) *stmt {
	end := x.sig[to-1].End
	if term >= 0 {
		end = x.sig[term].End
	}
	st := &stmt{Statement: &model.Statement{Span: x.span(x.sig[from].Start, end), Parent: parent, Guards: guards},
		c: c, x: x, from: from, to: to, sc: sc}
	st.Tag = tag(x.src, x.sig[from:to])
	return st
}

// read fills in a statement: compound statements are read by the block
// reader, transaction control by its words, everything else by TiDB.
func (c *conv) read(st *stmt) {
	src, toks := st.x.src, st.toks()
	if c.unterminated(st) {
		return
	}
	if h, ok := readHeader(src, toks); ok {
		c.compound(st, h)
		return
	}
	if c.txControl(st) {
		return
	}
	// SELECT ... INTO variables is common in bodies and TiDB rejects it:
	// cut the INTO out before the first parse rather than after it.
	if st.word(st.from) == "SELECT" && c.selectInto(st) {
		return
	}
	node, err := c.parseOne(st, nil)
	if err != nil {
		if node, err = c.workaround(st, err); err == nil {
			st = st.withoutVoid()
		}
	}
	if err != nil {
		if c.fallback(st) {
			return
		}
		c.syntaxError(st, err, st.x.src)
		return
	}
	if node != nil {
		c.convert(st, node)
		st.restoreNames()
	}
}

// parseOne parses the statement's text (or a rewrite of it with the same
// offsets) and returns its single statement.
// rewritten, when given, replaces the statement's body text byte for byte.
func (c *conv) parseOne(st *stmt, rewritten []byte) (ast.StmtNode, error) {
	a, b := st.body()
	body := st.x.src[a:b]
	if rewritten != nil {
		body = rewritten
	}
	nodes, err := parseSQL(c.p, string(body))
	if err != nil {
		return nil, &parseError{err: err, base: a, text: body}
	}
	if len(nodes) == 0 {
		return nil, nil
	}
	return nodes[0], nil
}

// parseError is a TiDB rejection of the text that starts at base.
type parseError struct {
	err  error
	base int
	text []byte
}

func (e *parseError) Error() string { return e.err.Error() }

// pos finds where the parser stopped: its message quotes the rest of the
// input from the offending token ("near ..."), or gives the total length
// when it cut the quote short.
func (e *parseError) pos() int {
	msg := e.err.Error()
	i := strings.Index(msg, ` near "`)
	if i < 0 {
		return e.base
	}
	rest := msg[i+len(` near "`):]
	if j := strings.LastIndex(rest, "(total length "); j >= 0 {
		var n int
		for _, ch := range rest[j+len("(total length "):] {
			if ch < '0' || ch > '9' {
				break
			}
			n = n*10 + int(ch-'0')
		}
		if n > 0 && n <= len(e.text) {
			return e.base + len(e.text) - n
		}
	}
	// The quoted rest is a suffix of the input followed by a quote: take
	// the longest one that fits.
	for k := len(rest) - 1; k >= 0; k-- {
		if rest[k] != '"' || k > len(e.text) {
			continue
		}
		if strings.HasSuffix(string(e.text), rest[:k]) {
			return e.base + len(e.text) - k
		}
	}
	return e.base
}

// message shortens TiDB's text to what a reader needs.
func (e *parseError) message(src []byte, at int) string {
	end := at
	for end < len(src) && end-at < 40 && src[end] != '\n' && src[end] != ';' {
		end++
	}
	near := strings.TrimSpace(string(src[at:end]))
	if near == "" {
		return "syntax error at end of statement"
	}
	return "syntax error near \"" + near + "\""
}

func (c *conv) syntaxError(st *stmt, err error, src []byte) {
	a, _ := st.body()
	at := a
	msg := err.Error()
	var pe *parseError
	if errors.As(err, &pe) {
		at = pe.pos()
		msg = pe.message(src, at)
	}
	st.Kind = model.KindOther
	st.Err = &model.SyntaxError{Message: msg, Pos: st.x.file(at)}
}

// unterminated makes a statement that the input ends inside a quote or
// comment of a syntax error at that token's start, as the server rejects
// it; the token runs to the end of the input, so it is the last one.
func (c *conv) unterminated(st *stmt) bool {
	t := st.x.sig[st.to-1]
	if !t.Unterminated {
		return false
	}
	what := "comment"
	switch t.Kind {
	case lex.String:
		what = "string"
	case lex.QuotedIdent:
		what = "quoted identifier"
	case lex.Variable:
		what = "quoted variable name"
	case lex.Comment:
		if isExecComment(st.x.src, t) {
			what = "executable comment"
		}
	}
	st.Kind, st.Effects, st.Children = model.KindOther, nil, nil
	st.Err = &model.SyntaxError{Message: "unterminated " + what, Pos: st.x.file(t.Start)}
	return true
}

// tag names a statement by its leading keywords, e.g. "CREATE INDEX".
func tag(src []byte, toks []lex.Token) string {
	var words []string
	for i := 0; i < len(toks) && len(words) < 2; i++ {
		t := toks[i]
		w := upper(src, t)
		if w == "" {
			if len(words) == 0 && i+1 < len(toks) && isOp(src, toks[i+1], ":") {
				i++ // a label
				continue
			}
			break
		}
		if len(words) == 0 {
			words = append(words, w)
			continue
		}
		switch w {
		case "OR", "REPLACE", "UNIQUE", "FULLTEXT", "SPATIAL", "TEMPORARY", "IGNORE", "LOW_PRIORITY",
			"HIGH_PRIORITY", "DELAYED", "QUICK", "ONLINE", "OFFLINE", "AGGREGATE", "SQL", "SECURITY", "INVOKER",
			"DEFINER":
			if i+1 < len(toks) && isOp(src, toks[i+1], "=") {
				if w == "DEFINER" {
					i = skipUser(src, toks, i+2) - 1
				} else {
					i += 2 // ALGORITHM = MERGE
				}
			}
			continue
		case "ALGORITHM":
			i += 2
			continue
		case "TABLE", "TABLES", "INDEX", "VIEW", "DATABASE", "SCHEMA", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT",
			"USER", "ROLE", "SEQUENCE", "INTO", "FROM", "TRANSACTION", "PREPARE", "TABLESPACE", "SERVER", "SAVEPOINT",
			"KEY", "NOT", "DIAGNOSTICS", "HANDLER", "CONDITION", "CURSOR", "PLUGIN", "LOGFILE":
			words = append(words, w)
		}
		break
	}
	return strings.Join(words, " ")
}
