package postgres

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	pg "github.com/pganalyze/pg_query_go/v5"
	pgerr "github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// text is SQL nested in the file (a routine body, a query inside it, a
// string given to EXECUTE), with the file offset of each of its bytes.
type text struct {
	b    []byte
	file func(int) int
}

// bodyText decodes a string literal token of conv c into a text: a
// dollar-quoted body is the file's own bytes; a quoted one is unescaped,
// keeping an offset table.
func (c *conv) bodyText(t lex.Token) (text, bool) {
	raw, off, quote, backslash, ok := lex.StringBody(c.text, t, lex.Postgres)
	if !ok {
		return text{}, false
	}
	if quote == 0 {
		return text{b: raw, file: func(i int) int { return c.toFile(off + i) }}, true
	}
	var b []byte
	var at []int
	for i := 0; i < len(raw); i++ {
		ch := raw[i]
		at = append(at, off+i)
		switch {
		case ch == quote && i+1 < len(raw) && raw[i+1] == quote:
			i++
		case backslash && ch == '\\' && i+1 < len(raw):
			i++
			switch raw[i] {
			case 'n':
				ch = '\n'
			case 't':
				ch = '\t'
			default:
				ch = raw[i]
			}
		}
		b = append(b, ch)
	}
	at = append(at, off+len(raw))
	return text{b: b, file: func(i int) int {
		if i < 0 {
			i = 0
		}
		if i >= len(at) {
			i = len(at) - 1
		}
		return c.toFile(at[i])
	}}, true
}

// sub returns the text [from, to) of t as its own text.
func (t text) sub(from, to int) text {
	return text{b: t.b[from:to], file: func(i int) int { return t.file(from + i) }}
}

// plReader walks a PL/pgSQL body and turns its SQL into child statements
// of the DO block or routine, with the guards around each.
type plReader struct {
	top   *conv
	owner *model.Statement
	body  text
	lines []int // offsets of line starts in body
	env   *guard.Env
	out   []*model.Statement
	// last is the parse tree of the SQL read last, so that SELECT INTO and
	// PERFORM are not parsed twice.
	last *pg.ParseResult
	// vars are the variables that hold SQL text, for EXECUTE.
	vars map[string]dynVar
}

// readBody reads the PL/pgSQL body of a DO block or routine whose source
// is the string token at bodyTok.
func (st *stmt) readBody(bodyTok lex.Token) {
	c := st.c
	body, ok := c.bodyText(bodyTok)
	if !ok {
		return
	}
	// The bound covers the body's blocks and the SQL written in it (a
	// condition nests no deeper alone than among the body's tokens); SQL
	// in EXECUTE strings is bounded when it is read.
	btoks := lex.SignificantTokens(body.b, lex.Postgres)
	if depth(body.b, btoks) > MaxDepth || blockDepth(body.b, btoks) > MaxDepth {
		st.Err = &model.SyntaxError{Kind: model.ErrLimit, Message: depthMessage("this PL/pgSQL body"), Pos: st.Span.Start}
		return
	}
	// libpg_query's PL/pgSQL parser reads the whole statement; it is only
	// ever handed a DO block or a LANGUAGE plpgsql routine with a string
	// body (anything else can abort the process, see NOTES).
	js, err := pg.ParsePlPgSqlToJSON(string(c.text[st.sp.Start:st.sp.End]))
	if err != nil {
		st.Err = bodyError(err, body, btoks)
		if st.Err != nil && st.Err.Kind == model.ErrSyntax {
			// The server rejects the whole statement: it has no effect.
			st.Effects = nil
		}
		return
	}
	funcs, err := pgparse.DecodePlPgSQL(js)
	if err != nil || len(funcs) == 0 {
		msg := "libpg_query's PL/pgSQL tree could not be read"
		if err != nil {
			msg += ": " + err.Error()
		}
		st.Err = &model.SyntaxError{Kind: model.ErrInternal, Message: msg, Pos: st.Span.Start}
		return
	}
	fn, _ := funcs[0]["PLpgSQL_function"].(map[string]any)
	if fn == nil {
		return
	}
	r := &plReader{top: c, owner: st.Statement, body: body, env: guard.NewEnv(model.Postgres)}
	r.lines = append(r.lines, 0)
	for i, ch := range body.b {
		if ch == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	r.defaults(fn, st.Guards)
	r.stmts([]any{fn["action"]}, st.Guards)
	st.Children = append(st.Children, r.out...)
	st.Routine.BodyRead = true
}

// defaults records the SQL text variables are declared with
// (DECLARE q text := 'ALTER TABLE ...'), for EXECUTE q.
func (r *plReader) defaults(fn map[string]any, guards []*model.Predicate) {
	for _, d := range list(fn, "datums") {
		kind, v := node(d)
		if kind != "PLpgSQL_var" {
			continue
		}
		name, _ := v["refname"].(string)
		if q := exprText(v, "default_val"); name != "" && q != "" {
			r.assignVar(name, q, 0, lineno(v), guards)
		}
	}
}

// nearLine reads the body line libpg_query names in the context of a
// PL/pgSQL error ("... near line 3").
var nearLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`near line (\d+)`) })

// bodyError turns a PL/pgSQL parser error into the error of the statement
// that holds the body. Only the grammar's own syntax errors count: the
// other errors libpg_query raises (an unknown variable, a cursor variable
// of a type it cannot look up) may hold on a real server, where the
// catalog knows the types, and the body is then just left unread.
// libpg_query gives no position inside a body, only a line near the error
// and the text at it; the error sits at that text, or at the body's end
// when the parser ran out of input, or else at the line or the body's
// start.
func bodyError(err error, body text, toks []lex.Token) *model.SyntaxError {
	var pe *pgerr.Error
	if !errors.As(err, &pe) {
		return &model.SyntaxError{Kind: model.ErrInternal, Message: "libpg_query failed on this PL/pgSQL body: " + err.Error(), Pos: body.file(0)}
	}
	if pe.Funcname != "plpgsql_yyerror" && pe.Funcname != "scanner_yyerror" {
		return nil
	}
	from := 0
	if m := nearLine().FindStringSubmatch(pe.Context); m != nil {
		n, _ := strconv.Atoi(m[1])
		for line := 1; line < n && from < len(body.b); line++ {
			i := bytes.IndexByte(body.b[from:], '\n')
			if i < 0 {
				break
			}
			from += i + 1
		}
	}
	// The line's first non-blank byte.
	pos := from + len(body.b[from:]) - len(bytes.TrimLeft(body.b[from:], " \t\r\n"))
	if pos >= len(body.b) {
		pos = 0
	}
	msg := pe.Message
	if _, near, ok := strings.Cut(msg, ` at or near "`); ok && strings.HasSuffix(near, `"`) {
		near = strings.TrimSuffix(near, `"`)
		if at := tokenAt(body.b, toks, near, from); at >= 0 {
			pos = at
		} else if at := tokenAt(body.b, toks, near, 0); at >= 0 {
			pos = at
		}
	} else if strings.HasSuffix(msg, "at end of input") && pe.Funcname == "plpgsql_yyerror" {
		pos = len(body.b)
	}
	return &model.SyntaxError{Kind: model.ErrSyntax, Message: "PL/pgSQL body: " + msg, Pos: body.file(pos)}
}

// tokenAt is the offset of the first token at or after from whose text
// is s, or -1.
func tokenAt(src []byte, toks []lex.Token, s string, from int) int {
	for _, t := range toks {
		if t.Start >= from && t.Text(src) == s {
			return t.Start
		}
	}
	return -1
}

// node returns the single key and value of a JSON node object.
func node(x any) (string, map[string]any) {
	m, ok := x.(map[string]any)
	if !ok {
		return "", nil
	}
	for k, v := range m {
		if vm, ok := v.(map[string]any); ok {
			return k, vm
		}
	}
	return "", nil
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// exprText returns the query text of a PLpgSQL_expr field.
func exprText(m map[string]any, key string) string {
	_, e := node(m[key])
	if e == nil {
		return ""
	}
	q, _ := e["query"].(string)
	return q
}

func lineno(m map[string]any) int {
	f, _ := m["lineno"].(float64)
	return int(f)
}

func (r *plReader) stmts(items []any, guards []*model.Predicate) {
	for _, it := range items {
		kind, m := node(it)
		switch kind {
		case "PLpgSQL_stmt_block":
			inner := guards
			if h := r.handler(m); h != nil {
				inner = append(append([]*model.Predicate(nil), guards...), h)
			}
			r.stmts(list(m, "body"), inner)
			if _, ex := node(m["exceptions"]); ex != nil {
				for _, e := range list(ex, "exc_list") {
					if _, em := node(e); em != nil {
						r.stmts(list(em, "action"), guards)
					}
				}
			}
		case "PLpgSQL_stmt_if":
			r.ifStmt(m, guards)
		case "PLpgSQL_stmt_execsql":
			q := exprText(m, "sqlstmt")
			children := r.sql(q, lineno(m), guards)
			if into, _ := m["into"].(bool); into {
				r.bindInto(r.lastSelect(), m)
			} else if len(children) == 1 && children[0].Kind == model.KindDML {
				r.env.SetFound(nil)
			}
		case "PLpgSQL_stmt_perform":
			r.sql(exprText(m, "expr"), lineno(m), guards)
			if sel := r.lastSelect(); sel != nil {
				r.env.SetFound(queryOf(sel))
			}
		case "PLpgSQL_stmt_assign":
			q := exprText(m, "expr")
			if name, rhs, ok := strings.Cut(q, ":="); ok {
				r.assign(strings.TrimSpace(name), rhs)
				r.assignVar(name, q, len(name)+2, lineno(m), guards)
			} else if name, rhs, ok := strings.Cut(q, "="); ok {
				r.assign(strings.TrimSpace(name), rhs)
				r.assignVar(name, q, len(name)+1, lineno(m), guards)
			}
		case "PLpgSQL_stmt_dynexecute":
			r.dynamic(exprText(m, "query"), lineno(m), guards)
		case "PLpgSQL_stmt_loop", "PLpgSQL_stmt_while", "PLpgSQL_stmt_fori", "PLpgSQL_stmt_fors",
			"PLpgSQL_stmt_foreach_a", "PLpgSQL_stmt_dynfors", "PLpgSQL_stmt_forc":
			r.stmts(list(m, "body"), guards)
		case "PLpgSQL_stmt_case":
			unknown := append(append([]*model.Predicate(nil), guards...), &model.Predicate{Source: model.PredCondition})
			for _, w := range list(m, "case_when_list") {
				if _, wm := node(w); wm != nil {
					r.stmts(list(wm, "stmts"), unknown)
				}
			}
			r.stmts(list(m, "else_stmts"), unknown)
		}
	}
}

// handler reads a block's EXCEPTION clauses: the conditions swallowed by
// a handler that does nothing but NULL, RAISE NOTICE and the like.
func (r *plReader) handler(block map[string]any) *model.Predicate {
	_, ex := node(block["exceptions"])
	if ex == nil {
		return nil
	}
	var catches []model.Catch
	for _, e := range list(ex, "exc_list") {
		_, em := node(e)
		if em == nil || reraises(list(em, "action")) {
			continue
		}
		for _, c := range list(em, "conditions") {
			_, cm := node(c)
			if name, _ := cm["condname"].(string); name != "" {
				catches = append(catches, model.PGCatch(name))
			}
		}
	}
	if len(catches) == 0 {
		return nil
	}
	return &model.Predicate{Source: model.PredHandler, Known: true, Catches: catches, Span: r.owner.Span,
		Text: "EXCEPTION WHEN " + model.DescribeCatches(catches)}
}

// reraises reports whether a handler's actions raise an error again.
func reraises(actions []any) bool {
	for _, a := range actions {
		kind, m := node(a)
		if kind == "PLpgSQL_stmt_raise" {
			level, _ := m["elog_level"].(float64)
			if level == 0 || level >= 21 { // ERROR and above, or a bare RAISE
				return true
			}
		}
	}
	return false
}

// ifStmt reads IF / ELSIF / ELSE: each branch runs under its condition,
// later branches also under the negation of the earlier ones.
func (r *plReader) ifStmt(m map[string]any, guards []*model.Predicate) {
	var negations []*model.Predicate
	negKnown := true
	branch := func(cond string, line int, body []any) {
		c := toCond(parseExpr(cond))
		preds := r.predicates(c, false, cond, line)
		inner := append(append(append([]*model.Predicate(nil), guards...), negations...), preds...)
		r.stmts(body, inner)
		if neg := r.predicates(c, true, cond, line); len(neg) > 0 && neg[0].Known {
			negations = append(negations, neg...)
		} else {
			negKnown = false
		}
	}
	branch(exprText(m, "cond"), lineno(m), list(m, "then_body"))
	for _, e := range list(m, "elsif_list") {
		if _, em := node(e); em != nil {
			branch(exprText(em, "cond"), lineno(em), list(em, "stmts"))
		}
	}
	if els := list(m, "else_body"); len(els) > 0 {
		inner := append(append([]*model.Predicate(nil), guards...), negations...)
		if !negKnown {
			inner = append(inner, &model.Predicate{Source: model.PredElse, Span: r.owner.Span})
		}
		r.stmts(els, inner)
	}
}

// predicates evaluates a condition (or its negation) into predicates; a
// condition the linter cannot read gives one unknown predicate.
func (r *plReader) predicates(c *guard.Cond, negate bool, textOf string, line int) []*model.Predicate {
	var facts []guard.Fact
	var ok bool
	src := model.PredCondition
	if negate {
		facts, ok = r.env.EvalFalse(c)
		src = model.PredElse
	} else {
		facts, ok = r.env.Eval(c)
	}
	sp := r.locate(textOf, line)
	if !ok {
		return []*model.Predicate{{Source: src, Span: sp, Text: textOf}}
	}
	return guard.Predicates(facts, src, sp, textOf)
}

// locate finds a query text in the body at or after a line. PL/pgSQL
// blanks out INTO clauses in query texts, so blanks match anything.
func (r *plReader) locate(q string, line int) model.Span {
	from := 0
	if line >= 1 && line <= len(r.lines) {
		from = r.lines[line-1]
	}
	if at := r.find(q, from); at >= 0 {
		return model.Span{Start: r.body.file(at), End: r.body.file(at + len(q))}
	}
	return r.owner.Span
}

func (r *plReader) find(q string, from int) int {
	b := r.body.b
	q = strings.TrimRight(q, " \t\n")
	if q == "" {
		return -1
	}
	first := q
	if i := strings.IndexAny(q, " \t\n("); i > 0 {
		first = q[:i]
	}
	firstB := []byte(first)
	for at := from; at < len(b); {
		i := bytes.Index(b[at:], firstB)
		if i < 0 {
			return -1
		}
		p := at + i
		if matchBlanked(b[p:], q) {
			return p
		}
		at = p + 1
	}
	return -1
}

// matchBlanked compares q with the start of b, where a blank in q may
// stand for any byte of b (a removed INTO clause).
func matchBlanked(b []byte, q string) bool {
	if len(b) < len(q) {
		return false
	}
	for i := 0; i < len(q); i++ {
		if q[i] != b[i] && q[i] != ' ' {
			return false
		}
	}
	return true
}

// sql parses an SQL statement found in the body and adds it as children.
func (r *plReader) sql(q string, line int, guards []*model.Predicate) []*model.Statement {
	r.last = nil
	if strings.TrimSpace(q) == "" {
		return nil
	}
	from := 0
	if line >= 1 && line <= len(r.lines) {
		from = r.lines[line-1]
	}
	at := r.find(q, from)
	var t text
	if at >= 0 {
		// Parse the query text PL/pgSQL hands to the server (INTO
		// blanked), with the body's offsets.
		base := r.body.sub(at, at+len(strings.TrimRight(q, " \t\n")))
		t = text{b: []byte(q[:len(base.b)]), file: base.file}
	} else {
		owner := r.owner.Span.Start
		t = text{b: []byte(q), file: func(int) int { return owner }}
	}
	return r.add(t, guards)
}

// add parses a text and files its statements as children.
func (r *plReader) add(t text, guards []*model.Predicate) []*model.Statement {
	c := &conv{s: r.top.s, text: t.b, toks: lex.SignificantTokens(t.b, lex.Postgres), toFile: t.file, parent: r.owner, file: r.top.file}
	list, tree := c.parseTree(0, len(t.b))
	r.last = tree
	for _, st := range list {
		st.Guards = guards
		r.out = append(r.out, st)
	}
	return list
}

// bindInto records SELECT ... INTO var for later conditions.
func (r *plReader) bindInto(sel *pg.SelectStmt, m map[string]any) {
	var names []string
	for _, key := range []string{"target"} {
		kind, t := node(m[key])
		switch kind {
		case "PLpgSQL_row":
			for _, f := range list(t, "fields") {
				if fm, ok := f.(map[string]any); ok {
					if n, ok := fm["name"].(string); ok {
						names = append(names, strings.ToLower(n))
					}
				}
			}
		case "PLpgSQL_var", "PLpgSQL_rec":
			if n, ok := t["refname"].(string); ok {
				names = append(names, strings.ToLower(n))
			}
		}
	}
	b, ok := selectBinding(sel)
	for _, n := range names {
		if ok {
			r.env.Bind(n, b)
		} else {
			r.env.Forget(n)
		}
	}
	// FOUND after SELECT INTO: a row was found. An aggregate always
	// returns one row, so FOUND then says nothing.
	if sel != nil && ok && b.Kind == guard.BindRow {
		r.env.SetFound(b.Query)
	} else {
		r.env.SetFound(nil)
	}
}

func (r *plReader) assign(name, rhs string) {
	name = strings.ToLower(strings.TrimSpace(name))
	if v := parseExprStmt(rhs); v != nil {
		if b, ok := selectBinding(v); ok {
			r.env.Bind(name, b)
			return
		}
	}
	r.env.Forget(name)
}

// lastSelect is the SELECT read last, if that is what it was.
func (r *plReader) lastSelect() *pg.SelectStmt {
	if r.last == nil || len(r.last.Stmts) != 1 {
		return nil
	}
	return r.last.Stmts[0].Stmt.GetSelectStmt()
}

// parseSelect parses a query text that should be one SELECT.
func parseSelect(q string) *pg.SelectStmt {
	tree, ok := parseSQL(q)
	if !ok || len(tree.Stmts) != 1 {
		return nil
	}
	return tree.Stmts[0].Stmt.GetSelectStmt()
}

// parseExprStmt parses SELECT <expr>.
func parseExprStmt(expr string) *pg.SelectStmt { return parseSelect("SELECT " + expr) }

func (r *plReader) lineStart(line int) int {
	if line >= 1 && line <= len(r.lines) {
		return r.lines[line-1]
	}
	return 0
}

// unknownName stands for a name in dynamic SQL that the linter cannot
// know: two bytes that make a valid identifier and never occur in real
// names.
const unknownName = "\u00b5"

// markUnknown marks objects named by format() placeholders as unknown:
// they never match a guard.
func markUnknown(stmts []*model.Statement) {
	for _, st := range stmts {
		for _, e := range st.Effects {
			o := &e.Object
			if strings.Contains(o.Name+o.Table+o.Schema, unknownName) {
				o.Unknown = true
			}
		}
		markUnknown(st.Children)
	}
}
