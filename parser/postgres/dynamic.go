package postgres

import (
	"bytes"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Dynamic SQL in PL/pgSQL: EXECUTE of a string put together at run time.
// The expression is read into a template, the pieces of SQL the file
// writes out with a stand-in for each part the linter cannot know, and
// the template is parsed as SQL at its place in the file. A template that
// does not parse is not read (the server accepted the file: the string
// is checked only when it runs), and a note says so for --verbose.

// holeKind is what a placeholder of a template stands for.
type holeKind uint8

const (
	holeNone    holeKind = iota // SQL text the file writes out
	holeText                    // any text: %s of an unknown value, a variable
	holeIdent                   // an identifier: %I, quote_ident(x)
	holeLiteral                 // a quoted literal: %L, quote_literal(x)
)

// piece is a part of a template: bytes of SQL with the file offset of
// each, or a placeholder at a file offset.
type piece struct {
	b    []byte
	at   []int
	hole holeKind
	pos  int
	// inLit: the offsets lie inside the string literal the SQL is
	// written in, where a fix can insert text (IF NOT EXISTS before a
	// %I, say); not so for quote_ident(t) or a variable.
	inLit bool
}

// tmpl is SQL put together from an expression.
type tmpl []piece

// known reports whether the template holds no placeholder.
func (t tmpl) known() bool {
	for _, p := range t {
		if p.hole != holeNone {
			return false
		}
	}
	return true
}

// value is the text of a known template.
func (t tmpl) value() []byte {
	var b []byte
	for _, p := range t {
		b = append(b, p.b...)
	}
	return b
}

// start is the file offset the template starts at.
func (t tmpl) start(def int) int {
	for _, p := range t {
		if p.hole != holeNone {
			return p.pos
		}
		if len(p.at) > 0 {
			return p.at[0]
		}
	}
	return def
}

// stand-ins: an identifier made of bytes that never occur in real names
// (markUnknown finds it again in the names the statement touches), and
// a number for the second try, where a name cannot stand (varchar(%s)).
const (
	standInName   = unknownName
	standInNumber = "0"
)

// render writes the template out with raw standing for text placeholders;
// at maps each byte of b to the file, and one more entry holds the end.
// fixable lists the file offsets where a fix may insert text.
func (t tmpl) render(raw string) (b []byte, at []int, fixable map[int]bool) {
	end := 0
	fixable = map[int]bool{}
	for _, p := range t {
		var s string
		switch p.hole {
		case holeNone:
			b = append(b, p.b...)
			at = append(at, p.at...)
			if len(p.at) > 0 {
				end = p.at[len(p.at)-1] + 1
				if p.inLit {
					for _, o := range p.at {
						fixable[o] = true
					}
				}
			}
			continue
		case holeText:
			s = raw
		case holeIdent:
			s = standInName
		case holeLiteral:
			s = "'" + standInName + "'"
		}
		b = append(b, s...)
		for range s {
			at = append(at, p.pos)
		}
		end = p.pos
		if p.inLit {
			fixable[p.pos] = true
		}
	}
	return b, append(at, end), fixable
}

// lit is a template of SQL text whose bytes all sit at pos.
func lit(s string, pos int) tmpl {
	p := piece{b: []byte(s), at: make([]int, len(s))}
	for i := range p.at {
		p.at[i] = pos
	}
	return tmpl{p}
}

// dynVar is the template a variable was last assigned, and the guards
// around that assignment.
type dynVar struct {
	t      tmpl
	guards []*model.Predicate
}

// evaluator reads an expression of a PL/pgSQL body into a template.
type evaluator struct {
	r      *plReader
	t      text // the expression, with file offsets
	toks   []lex.Token
	guards []*model.Predicate
	depth  int
}

func (r *plReader) evaluator(t text, guards []*model.Predicate) *evaluator {
	return &evaluator{r: r, t: t, toks: lex.SignificantTokens(t.b, lex.Postgres), guards: guards}
}

// all reads the whole expression.
func (ev *evaluator) all() tmpl { return ev.expr(0, len(ev.toks)) }

func (ev *evaluator) pos(i int) int {
	if i < len(ev.toks) {
		return ev.t.file(ev.toks[i].Start)
	}
	return ev.t.file(len(ev.t.b))
}

// concatOp reports whether token i starts the || operator.
func (ev *evaluator) concatOp(i, j int) bool {
	return i+1 < j && ev.toks[i].Kind == lex.Op && ev.toks[i+1].Kind == lex.Op &&
		ev.t.b[ev.toks[i].Start] == '|' && ev.t.b[ev.toks[i+1].Start] == '|' && ev.toks[i].End == ev.toks[i+1].Start
}

// split cuts tokens [i, j) at top-level separators: || when concat, else
// commas. It returns the [from, to) ranges.
func (ev *evaluator) split(i, j int, concat bool) [][2]int {
	var out [][2]int
	depth, from := 0, i
	for k := i; k < j; k++ {
		switch ev.toks[k].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Comma:
			if depth == 0 && !concat {
				out = append(out, [2]int{from, k})
				from = k + 1
			}
		case lex.Op:
			if depth == 0 && concat && ev.concatOp(k, j) {
				out = append(out, [2]int{from, k})
				from = k + 2
				k++
			}
		}
	}
	return append(out, [2]int{from, j})
}

// expr reads a || concatenation.
func (ev *evaluator) expr(i, j int) tmpl {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > 64 || i >= j {
		return tmpl{{hole: holeText, pos: ev.pos(i)}}
	}
	var out tmpl
	for _, r := range ev.split(i, j, true) {
		out = append(out, ev.term(r[0], r[1])...)
	}
	return out
}

// term reads one operand of ||.
func (ev *evaluator) term(i, j int) tmpl {
	unknown := tmpl{{hole: holeText, pos: ev.pos(i)}}
	if i >= j {
		return unknown
	}
	// A cast to a text type leaves the value as it is.
	for k, depth := i, 0; k < j; k++ {
		switch ev.toks[k].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Op:
			if depth == 0 && ev.toks[k].End-ev.toks[k].Start == 2 && k > i {
				return ev.term(i, k) // ::
			}
		}
	}
	t := ev.toks[i]
	if j-i == 1 {
		switch t.Kind {
		case lex.String, lex.DollarString:
			c := &conv{text: ev.t.b, toFile: ev.t.file}
			body, ok := c.bodyText(t)
			if !ok || bytes.IndexByte(body.b, 0) >= 0 {
				return unknown
			}
			p := piece{b: body.b, at: make([]int, len(body.b)), inLit: true}
			for k := range p.at {
				p.at[k] = body.file(k)
			}
			return tmpl{p}
		case lex.Number:
			return lit(t.Text(ev.t.b), ev.pos(i))
		case lex.Word, lex.QuotedIdent:
			if v, ok := ev.r.variable(lex.Ident(ev.t.b, t, lex.Postgres), ev.guards); ok {
				return v
			}
		}
		return unknown
	}
	if t.Kind == lex.LParen && ev.toks[j-1].Kind == lex.RParen && ev.closes(i, j-1) {
		return ev.expr(i+1, j-1)
	}
	// A function call: name ( args ), the name maybe schema-qualified.
	n := i
	if n+2 < j && ev.toks[n+1].Kind == lex.Dot && lex.Is(ev.t.b, ev.toks[n], "pg_catalog") {
		n += 2
	}
	if t.Kind != lex.Word || n+1 >= j || ev.toks[n+1].Kind != lex.LParen || ev.toks[j-1].Kind != lex.RParen || !ev.closes(n+1, j-1) {
		return unknown
	}
	var args []tmpl
	if n+2 < j-1 {
		for _, r := range ev.split(n+2, j-1, false) {
			args = append(args, ev.expr(r[0], r[1]))
		}
	}
	switch strings.ToLower(ev.toks[n].Text(ev.t.b)) {
	case "format":
		if len(args) == 0 || !args[0].known() {
			return unknown
		}
		if out, ok := format(args[0], args[1:]); ok {
			return out
		}
	case "quote_ident":
		if len(args) == 1 {
			return quoted(args[0], holeIdent, ev.pos(i), false)
		}
	case "quote_literal", "quote_nullable":
		if len(args) == 1 {
			return quoted(args[0], holeLiteral, ev.pos(i), false)
		}
	case "concat":
		var out tmpl
		for _, a := range args {
			out = append(out, a...)
		}
		return out
	}
	return unknown
}

// closes reports whether the parenthesis at open is closed at end.
func (ev *evaluator) closes(open, end int) bool {
	depth := 0
	for k := open; k <= end; k++ {
		switch ev.toks[k].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
			if depth == 0 {
				return k == end
			}
		}
	}
	return false
}

// quoted is quote_ident or quote_literal of v at pos: the quoted value
// when it is known, else a placeholder of that kind.
func quoted(v tmpl, kind holeKind, pos int, inLit bool) tmpl {
	if !v.known() {
		return tmpl{{hole: kind, pos: pos, inLit: inLit}}
	}
	s := string(v.value())
	if kind == holeIdent {
		s = quoteIdent(s)
	} else {
		s = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	t := lit(s, pos)
	t[0].inLit = inLit
	return t
}

// format fills a format() template as PostgreSQL does: %s the value as
// text, %I quoted as an identifier, %L as a literal, %% a percent sign,
// %n$ the n-th argument. Widths and flags change only blanks; a * width
// or a malformed specifier fails on the server, and here.
func format(f tmpl, args []tmpl) (tmpl, bool) {
	b := f.value()
	at := func(k int) int {
		for _, p := range f {
			if k < len(p.at) {
				return p.at[k]
			}
			k -= len(p.at)
		}
		return f.start(0)
	}
	var out tmpl
	next := 0
	for k := 0; k < len(b); k++ {
		if b[k] != '%' {
			out = append(out, piece{b: b[k : k+1], at: []int{at(k)}, inLit: true})
			continue
		}
		start := k
		k++
		if k >= len(b) {
			return nil, false
		}
		if b[k] == '%' {
			out = append(out, piece{b: []byte{'%'}, at: []int{at(start)}, inLit: true})
			continue
		}
		// [n$][-][width]type
		n, m := 0, k
		for m < len(b) && b[m] >= '0' && b[m] <= '9' {
			n = n*10 + int(b[m]-'0')
			m++
			if n > 1<<20 {
				return nil, false
			}
		}
		arg := next
		if m < len(b) && b[m] == '$' && m > k {
			if n == 0 {
				return nil, false
			}
			arg = n - 1
			k = m + 1
		}
		for k < len(b) && b[k] == '-' {
			k++
		}
		for k < len(b) && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		if k >= len(b) || arg >= len(args) {
			return nil, false
		}
		next = arg + 1
		switch b[k] {
		case 's':
			out = append(out, args[arg]...)
		case 'I':
			out = append(out, quoted(args[arg], holeIdent, at(start), true)...)
		case 'L':
			out = append(out, quoted(args[arg], holeLiteral, at(start), true)...)
		default:
			return nil, false
		}
	}
	return out, true
}

// variable is the template a variable holds where it is used: known when
// it was assigned under the guards in force there (or fewer), so that an
// assignment made in one branch is not taken for the value after it.
func (r *plReader) variable(name string, guards []*model.Predicate) (tmpl, bool) {
	v, ok := r.vars[strings.ToLower(name)]
	if !ok || len(v.guards) > len(guards) {
		return nil, false
	}
	for i, g := range v.guards {
		if guards[i] != g {
			return nil, false
		}
	}
	return v.t, true
}

// assignVar records name := expr (q is the whole assignment as PL/pgSQL
// gives it, rhs where its value starts in q).
func (r *plReader) assignVar(name, q string, rhs, line int, guards []*model.Predicate) {
	name = strings.ToLower(strings.TrimSpace(name))
	if r.vars == nil {
		r.vars = map[string]dynVar{}
	}
	delete(r.vars, name)
	t := r.exprText(q, line)
	t = t.sub(min(rhs, len(t.b)), len(t.b))
	v := r.evaluator(t, guards).all()
	if len(v) == 1 && v[0].hole == holeText {
		return // nothing known about it
	}
	r.vars[name] = dynVar{t: v, guards: guards}
}

// exprText is the text of an expression PL/pgSQL gives as q, at its place
// in the body when it can be found there.
func (r *plReader) exprText(q string, line int) text {
	if at := r.find(q, r.lineStart(line)); at >= 0 {
		return r.body.sub(at, at+len(q))
	}
	owner := r.owner.Span.Start
	return text{b: []byte(q), file: func(int) int { return owner }}
}

// dynamic reads EXECUTE expr: the SQL of its template becomes children
// of the block, under the guards around the EXECUTE.
func (r *plReader) dynamic(expr string, line int, guards []*model.Predicate) {
	ev := r.evaluator(r.exprText(expr, line), guards)
	t := ev.all()
	pos := t.start(r.owner.Span.Start)
	if len(t) == 1 && t[0].hole == holeText {
		r.note(pos, "dynamic SQL not read: its text is not known here")
		return
	}
	var stmts []*model.Statement
	var bad *model.SyntaxError
	var fixable map[int]bool
	for _, raw := range []string{standInName, standInNumber} {
		var b []byte
		var at []int
		b, at, fixable = t.render(raw)
		stmts, bad = r.parseDynamic(b, at)
		if bad == nil || t.known() {
			break
		}
	}
	if bad != nil {
		r.note(pos, "dynamic SQL not read: the statement EXECUTE builds does not parse once its placeholders stand for a name or a value: "+bad.Message)
		return
	}
	markUnknown(stmts)
	keepFixes(stmts, fixable)
	for _, st := range stmts {
		st.Guards = guards
	}
	r.out = append(r.out, stmts...)
}

// keepFixes drops the fixes of dynamic SQL that would insert text outside
// the string literals it is written in.
func keepFixes(stmts []*model.Statement, fixable map[int]bool) {
	for _, st := range stmts {
		for _, e := range st.Effects {
			for _, ed := range e.Fixes {
				if ed.Start != ed.End || !fixable[ed.Start] {
					e.Fixes = nil
					break
				}
			}
		}
		keepFixes(st.Children, fixable)
	}
}

// parseDynamic parses rendered SQL; it returns the first syntax error of
// any statement in it (nested ones included), in which case nothing is
// read.
func (r *plReader) parseDynamic(b []byte, at []int) ([]*model.Statement, *model.SyntaxError) {
	file := func(i int) int { return at[max(0, min(i, len(at)-1))] }
	c := &conv{s: r.top.s, text: b, toks: lex.SignificantTokens(b, lex.Postgres), toFile: file, parent: r.owner, file: r.top.file}
	for _, t := range c.toks {
		if t.Unterminated {
			return nil, &model.SyntaxError{Message: "unterminated quoted text", Pos: file(t.Start)}
		}
	}
	list, tree := c.parseTree(0, len(b))
	var bad *model.SyntaxError
	var check func([]*model.Statement)
	check = func(l []*model.Statement) {
		for _, st := range l {
			// Past the nesting bound the statement stays, to be reported as
			// input the linter refuses to read.
			if st.Err != nil && st.Err.Kind == model.ErrSyntax && bad == nil {
				bad = st.Err
			}
			check(st.Children)
		}
	}
	check(list)
	if bad != nil {
		return nil, bad
	}
	r.last = tree
	return list, nil
}

// note records a remark for --verbose on the script being read.
func (r *plReader) note(pos int, msg string) {
	r.top.s.Note(pos, msg)
}

// quoteIdent is PostgreSQL's quote_ident: a name that reads as itself
// unquoted stays as it is (so 'x' || quote_ident(t) || '_log' is one
// name), any other is double-quoted.
func quoteIdent(s string) string {
	plain := s != "" && !reservedWords[s]
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 'a' && c <= 'z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '$')
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// reservedWords are the keywords quote_ident quotes: PostgreSQL's reserved
// and type/function-name keywords (the "reserved" columns of the SQL Key
// Words appendix).
var reservedWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric authorization binary
		both case cast check collate collation column concurrently constraint create cross current_catalog
		current_date current_role current_schema current_time current_timestamp current_user default
		deferrable desc distinct do else end except false fetch for foreign freeze from full grant group
		having ilike in initially inner intersect into is isnull join lateral leading left like limit
		localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing
		primary references returning right select session_user similar some symmetric system_user table
		tablesample then to trailing true union unique user using variadic verbose when where window with`) {
		reservedWords[w] = true
	}
}
