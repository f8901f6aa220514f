package mysql

import (
	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// assign is the last assignment of a variable that may hold SQL: the
// statement that made it and the string literals it may hold, each with
// the predicates under which it is the one chosen. A later PREPARE FROM
// the variable turns the literals into children of that statement.
type assign struct {
	st      *stmt
	choices []choice
	used    bool
	path    []int // the branch it was made in
}

// onPath reports whether an assignment made in branch path p is
// overwritten by one made now in branch path cur: p is cur or lies
// inside it. Assignments in sibling branches may still be the value.
func onPath(p, cur []int) bool {
	if len(p) < len(cur) {
		return false
	}
	for i := range cur {
		if p[i] != cur[i] {
			return false
		}
	}
	return true
}

// overwrite drops the assignments of name that one made now replaces.
func (sc *scope) overwrite(name string) {
	list := sc.assigns[name][:0]
	for _, a := range sc.assigns[name] {
		if !onPath(a.path, sc.path) {
			list = append(list, a)
		}
	}
	if len(list) == 0 {
		delete(sc.assigns, name)
		return
	}
	sc.assigns[name] = list
}

type choice struct {
	at    int // text offset of the literal
	preds []*model.Predicate
	// src and off, when set, are SQL put together from pieces (CONCAT of
	// literals and constant variables) and the file offset of each byte.
	src []byte
	off []int
}

// set handles SET: user and local variables bind what they are assigned.
func (c *conv) set(st *stmt, x *ast.SetStmt) {
	for _, va := range x.Variables {
		if va == nil || va.Value == nil || va.IsGlobal {
			continue
		}
		c.assignVar(st, lowerName(va.Name), va.Value, nil)
	}
}

// selectStmt handles a SELECT, with the variables its INTO clause (cut
// out before parsing) assigns.
func (c *conv) selectStmt(st *stmt, sel *ast.SelectStmt, into []string) {
	if len(into) == 0 || sel.Fields == nil || len(sel.Fields.Fields) != len(into) {
		for _, v := range into {
			c.forget(st.sc, v)
		}
		return
	}
	var agg *guard.Query
	if sel.From != nil {
		agg = st.sc.consts.queryOf(sel)
	}
	for i, v := range into {
		c.assignVar(st, v, sel.Fields.Fields[i].Expr, agg)
	}
}

func (c *conv) forget(sc *scope, name string) {
	sc.env.Forget(name)
	delete(sc.consts, name)
	sc.overwrite(name)
	sc.touched = append(sc.touched, name)
}

// assignVar records name := e (agg is the query e is selected from).
func (c *conv) assignVar(st *stmt, name string, e ast.ExprNode, agg *guard.Query) {
	sc := st.sc
	sc.touched = append(sc.touched, name)
	if v, ok := constOf(e); ok {
		sc.consts[name] = v
	} else {
		delete(sc.consts, name)
	}
	if b, ok := sc.consts.binding(e, agg); ok {
		sc.env.Bind(name, b)
	} else {
		sc.env.Forget(name)
	}
	a, _ := st.body()
	sc.overwrite(name)
	if ch := c.choices(st, a, e, agg, nil); len(ch) > 0 {
		sc.assigns[name] = append(sc.assigns[name], &assign{st: st, choices: ch, path: append([]int(nil), sc.path...)})
	}
}

// choices lists the string literals e may evaluate to: a literal, the
// branches of IF() and CASE, and those of a scalar SELECT of them. base
// is the text offset the expression's positions count from.
func (c *conv) choices(st *stmt, base int, e ast.ExprNode, agg *guard.Query, preds []*model.Predicate) []choice {
	with := func(extra []*model.Predicate) []*model.Predicate {
		return append(append([]*model.Predicate(nil), preds...), extra...)
	}
	e = unparen(e)
	switch x := e.(type) {
	case ast.ValueExpr:
		if isString(e) {
			return []choice{{at: base + x.OriginTextPosition(), preds: preds}}
		}
	case *ast.FuncCallExpr:
		if x.FnName.L == "concat" {
			if ch, ok := c.concat(st, base, x); ok {
				ch.preds = preds
				return []choice{ch}
			}
			return nil
		}
		if x.FnName.L != "if" || len(x.Args) != 3 {
			return nil
		}
		cond := st.sc.consts.condOf(x.Args[0], agg)
		sp := c.exprSpan(st, base+x.Args[0].OriginTextPosition())
		out := c.choices(st, base, x.Args[1], agg, with(c.predicates(st.sc, cond, false, sp, model.PredChoice)))
		return append(out, c.choices(st, base, x.Args[2], agg, with(c.predicates(st.sc, cond, true, sp, model.PredChoice)))...)
	case *ast.CaseExpr:
		// A searched CASE: each WHEN holds with the earlier ones false.
		// A simple CASE compares values the linter does not follow.
		var out []choice
		var negs []*model.Predicate
		for _, w := range x.WhenClauses {
			sp := c.exprSpan(st, base+w.Expr.OriginTextPosition())
			if x.Value != nil {
				out = append(out, c.choices(st, base, w.Result, agg, with([]*model.Predicate{unknownPred(c.s, model.PredChoice, sp)}))...)
				continue
			}
			cond := st.sc.consts.condOf(w.Expr, agg)
			mine := append(append([]*model.Predicate(nil), negs...), c.predicates(st.sc, cond, false, sp, model.PredChoice)...)
			out = append(out, c.choices(st, base, w.Result, agg, with(mine))...)
			negs = append(negs, c.predicates(st.sc, cond, true, sp, model.PredChoice)...)
		}
		if x.ElseClause != nil {
			if x.Value != nil {
				negs = []*model.Predicate{unknownPred(c.s, model.PredChoice, c.exprSpan(st, base+x.ElseClause.OriginTextPosition()))}
			}
			out = append(out, c.choices(st, base, x.ElseClause, agg, with(negs))...)
		}
		return out
	case *ast.SubqueryExpr:
		sel, ok := x.Query.(*ast.SelectStmt)
		if !ok {
			return nil
		}
		f := field(sel)
		if f == nil {
			return nil
		}
		var inner *guard.Query
		if sel.From != nil {
			inner = st.sc.consts.queryOf(sel)
		}
		return c.choices(st, base, f, inner, preds)
	}
	return nil
}

// concat puts together CONCAT('ALTER TABLE ', @t, ' ADD ...') when every
// piece is a string literal or a variable holding one. The bytes of a
// variable's value point at the variable in the file.
func (c *conv) concat(st *stmt, base int, f *ast.FuncCallExpr) (choice, bool) {
	x := st.x
	var ch choice
	end := 0 // where the last piece ends, in the file
	for _, a := range f.Args {
		a = strip(a)
		i := x.tokAt(base + a.OriginTextPosition())
		if i >= len(x.sig) {
			return choice{}, false
		}
		t := x.sig[i]
		switch {
		case isString(a) && t.Kind == lex.String:
			b, o := literalAt(x, i)
			if o == nil {
				return choice{}, false
			}
			ch.src = append(ch.src, b...)
			ch.off = append(ch.off, o[:len(o)-1]...)
			end = o[len(o)-1]
		case t.Kind == lex.Variable || t.Kind == lex.Word:
			v, ok := st.sc.consts[varName(a)]
			if !ok || v.schema {
				return choice{}, false
			}
			ch.src = append(ch.src, v.text...)
			for range v.text {
				ch.off = append(ch.off, x.file(t.Start))
			}
			end = x.file(t.End)
		default:
			return choice{}, false
		}
	}
	if len(f.Args) == 0 {
		return choice{}, false
	}
	ch.off = append(ch.off, end)
	return ch, true
}

// predicates turns what cond proves (or its negation) into predicates;
// a condition that proves nothing nameable gives one unknown predicate.
func (c *conv) predicates(sc *scope, cond *guard.Cond, negate bool, sp model.Span, src model.PredSource) []*model.Predicate {
	var facts []guard.Fact
	var ok bool
	if negate {
		facts, ok = sc.env.EvalFalse(cond)
	} else {
		facts, ok = sc.env.Eval(cond)
	}
	if !ok {
		return []*model.Predicate{unknownPred(c.s, src, sp)}
	}
	return guard.Predicates(facts, src, sp, c.s.Text(sp))
}

func unknownPred(s *model.Script, src model.PredSource, sp model.Span) *model.Predicate {
	return &model.Predicate{Source: src, Span: sp, Text: s.Text(sp)}
}

// exprSpan is the file span of the expression starting at text offset
// off: up to the comma, closing parenthesis or THEN/ELSE/END/WHEN that
// ends it.
func (c *conv) exprSpan(st *stmt, off int) model.Span {
	x := st.x
	i := x.tokAt(off)
	if i >= st.to {
		return st.bodySpan()
	}
	depth, cases := 0, 0
	j := i
	for ; j < st.to; j++ {
		t := x.sig[j]
		switch t.Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Comma:
			if depth == 0 && cases == 0 {
				goto done
			}
		case lex.Semicolon:
			goto done
		case lex.Word:
			switch upper(x.src, t) {
			case "CASE":
				cases++
			case "END":
				if cases == 0 && depth == 0 {
					goto done
				}
				cases--
			case "THEN", "ELSE", "WHEN", "DO":
				if depth == 0 && cases == 0 {
					goto done
				}
			}
		}
		if depth < 0 {
			goto done
		}
	}
done:
	if j <= i {
		j = i + 1
	}
	return x.span(x.sig[i].Start, x.sig[j-1].End)
}

// prepare handles PREPARE s FROM @v (the literals @v may hold become
// children of the statement that assigned them) and PREPARE s FROM
// 'literal' (a child of the PREPARE itself).
func (c *conv) prepare(st *stmt, x *ast.PrepareStmt) {
	if x.SQLVar != nil {
		c.runVar(st, x.SQLVar.Name)
		return
	}
	if from := st.find(st.from, st.to, "FROM"); from >= 0 && from+1 < st.to {
		c.nested(st, choice{at: st.x.sig[from+1].Start})
	}
}

// runVar reads the SQL a variable may hold (its last assignment's
// literals) as children of the statement that assigned it, once.
func (c *conv) runVar(st *stmt, name string) {
	for _, a := range st.sc.assigns[lowerName(name)] {
		if a.used {
			continue
		}
		a.used = true
		for _, ch := range a.choices {
			c.nested(a.st, ch)
		}
	}
}

// executeImmediate handles MariaDB's EXECUTE IMMEDIATE 'sql' | @v | expr,
// which TiDB does not parse: a literal becomes a child, a variable is
// read as PREPARE FROM would.
func (c *conv) executeImmediate(st *stmt) bool {
	i := st.from + 2
	if st.word(st.from) != "EXECUTE" || st.word(st.from+1) != "IMMEDIATE" || i >= st.to {
		return false
	}
	switch t := st.x.sig[i]; t.Kind {
	case lex.String:
		c.nested(st, choice{at: t.Start})
	case lex.Variable:
		c.runVar(st, lex.Ident(st.x.src, t, lex.MySQL))
	}
	return true
}

// nested reads the SQL in the string literal(s) at ch.at as children of
// parent. Adjacent literals concatenate, as MySQL does.
func (c *conv) nested(parent *stmt, ch choice) {
	if c.depth > 8 {
		return
	}
	x := parent.x
	src, off := ch.src, ch.off
	if src == nil {
		src, off = literalAt(x, x.tokAt(ch.at))
	}
	if len(off) == 0 {
		return
	}
	// The server lexes a prepared statement's text as it does a file's.
	src, toks, execs := unwrap(src, lex.Tokenize(src, c.mode))
	sub := &text{src: src, off: off, execs: execs}
	sig, pieces := split(src, toks, nil, false)
	sub.sig = sig
	guards := append(append([]*model.Predicate(nil), parent.Guards...), ch.preds...)
	c.depth++
	kids := c.readPieces(sub, pieces, parent.sc, parent.Statement, guards)
	c.execSpans(sub, kids, pieces)
	c.depth--
	// The server checks a prepared string only when it runs it, and the
	// branch that holds it may never run: one that does not parse is not
	// a syntax error of the file. It is left unread, and --verbose says so.
	if bad := syntaxErrorIn(kids); bad != nil {
		c.s.Note(off[0], "prepared SQL not read: the string does not parse: "+bad.Message)
		return
	}
	parent.Children = append(parent.Children, kids...)
}

// syntaxErrorIn is the first syntax error among statements and their
// children. Statements past the nesting bound stay: they are reported as
// input the linter refuses to read.
func syntaxErrorIn(list []*model.Statement) *model.SyntaxError {
	for _, st := range list {
		if st.Err != nil && st.Err.Kind == model.ErrSyntax {
			return st.Err
		}
		if e := syntaxErrorIn(st.Children); e != nil {
			return e
		}
	}
	return nil
}

// literalAt decodes the string literal at token i of x, with the ones
// right after it (MySQL joins adjacent literals), and maps each byte to
// the file; off is nil when there is no literal there.
func literalAt(x *text, i int) (src []byte, off []int) {
	for i < len(x.sig) && x.sig[i].Kind == lex.Word && i+1 < len(x.sig) && x.sig[i+1].Kind == lex.String {
		i++ // a charset introducer: _utf8mb4'...'
	}
	for ; i < len(x.sig) && x.sig[i].Kind == lex.String; i++ {
		b, o, ok := decodeString(x.src, x.sig[i])
		if !ok {
			break
		}
		src = append(src, b...)
		if len(off) > 0 {
			off = off[:len(off)-1]
		}
		for _, v := range o {
			off = append(off, x.file(v))
		}
	}
	return src, off
}

// decodeString returns a MySQL string literal's value and, for each byte
// of it, the offset of the source byte it came from (plus the end).
func decodeString(src []byte, t lex.Token) ([]byte, []int, bool) {
	body, at, q, backslash, ok := lex.StringBody(src, t, lex.MySQL)
	if !ok || q == 0 {
		return nil, nil, false
	}
	if p := src[t.Start]; p != '\'' && p != '"' && p|0x20 != 'n' {
		return nil, nil, false // X'..', B'..': not text
	}
	out := make([]byte, 0, len(body))
	off := make([]int, 0, len(body)+1)
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == q && i+1 < len(body) && body[i+1] == q:
			out, off = append(out, q), append(off, at+i)
			i += 2
		case backslash && c == '\\' && i+1 < len(body):
			d := body[i+1]
			switch d {
			case 'n':
				d = '\n'
			case 't':
				d = '\t'
			case 'r':
				d = '\r'
			case '0':
				d = 0
			case 'b':
				d = '\b'
			case 'Z':
				d = 26
			case '%', '_':
				// Kept with their backslash, for LIKE patterns.
				out, off = append(out, '\\'), append(off, at+i)
				i++
				continue
			}
			out, off = append(out, d), append(off, at+i)
			i += 2
		default:
			out, off = append(out, c), append(off, at+i)
			i++
		}
	}
	off = append(off, at+len(body))
	return out, off, true
}
