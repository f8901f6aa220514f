package mysql

import (
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// compound handles CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT and
// anonymous blocks (BEGIN NOT ATOMIC, MariaDB's IF/LOOP/... outside
// programs): the head becomes the create effect, the body is read by the
// block reader into children.
func (c *conv) compound(st *stmt, h header) {
	x := st.x
	toks := st.toks()
	sc := st.sc
	r := &model.Routine{Kind: h.kind, Anonymous: h.kind == model.KindNone}
	st.Routine = r
	if r.Anonymous {
		i := 0
		if len(toks) > 2 && isOp(x.src, toks[1], ":") {
			i = 2 // a label
		}
		st.Tag = upper(x.src, toks[min(i, len(toks)-1)])
		if st.Tag == "BEGIN" {
			st.Tag = "BEGIN NOT ATOMIC"
		}
	}
	if h.kind != model.KindNone {
		st.Kind = model.KindDDL
		sc = c.newScope()
		obj := model.Object{Kind: h.kind}
		if h.name[0] >= 0 {
			obj.Name = lex.Ident(x.src, toks[h.name[1]-1], lex.MySQL)
			if h.name[1]-h.name[0] == 3 {
				obj.Schema = lex.Ident(x.src, toks[h.name[0]], lex.MySQL)
			}
		} else {
			obj.Unknown = true
		}
		if h.table[0] >= 0 && h.table[0] < len(toks) {
			obj.Table = lex.Ident(x.src, toks[h.table[1]-1], lex.MySQL)
		}
		r.Name = obj
		e := &model.Effect{Action: model.ActCreate, Object: obj}
		switch {
		case h.orReplace >= 0:
			e.Guard = model.GuardOrReplace
			e.GuardSpan = st.tokSpan(st.from+h.orReplace, st.from+h.orReplace+2)
		case h.ifNotExists >= 0:
			e.Guard = model.GuardIfNotExists
			e.GuardSpan = st.tokSpan(st.from+h.ifNotExists, st.from+h.ifNotExists+3)
		case c.mariadb:
			st.appendFix(e, st.from, " OR REPLACE")
		case h.name[0] >= 0 && c.canIfNotExists(obj.Kind):
			st.insertFix(e, st.from+h.name[0], "IF NOT EXISTS ")
		}
		sp := st.bodySpan()
		if h.name[0] >= 0 {
			sp = st.tokSpan(st.from, st.from+h.name[1])
		}
		st.effect(e, sp)
		st.Tag = "CREATE " + strings.ToUpper(h.kind.String())
	}
	if h.body < 0 || h.body >= len(toks) {
		return
	}
	b := &block{c: c, st: st, x: x, sc: sc, conds: map[string][]model.Catch{}, end: st.to}
	i := b.statement(st.from+h.body, st.Guards)
	if b.err == nil && i < st.to {
		b.fail(i, "unexpected text after the end of the body")
	}
	if b.err != nil {
		st.Err = b.err
	}
	r.BodyRead = b.err == nil
	st.Children = append(st.Children, b.out...)
}

// block reads the statements of a compound body.
type block struct {
	c     *conv
	st    *stmt // the compound statement: every child's parent
	x     *text
	sc    *scope
	conds map[string][]model.Catch // DECLARE name CONDITION FOR ...
	end   int
	out   []*model.Statement
	err   *model.SyntaxError
}

func (b *block) word(i int) string {
	if i < 0 || i >= b.end {
		return ""
	}
	return upper(b.x.src, b.x.sig[i])
}

func (b *block) fail(i int, msg string) {
	if b.err != nil {
		return
	}
	at := b.x.sig[min(i, b.end-1)].Start
	if i >= b.end {
		at = b.x.sig[b.end-1].End
	}
	b.err = &model.SyntaxError{Message: msg, Pos: b.x.file(at)}
}

func (b *block) isLabel(i int) bool {
	return i+1 < b.end && (b.x.sig[i].Kind == lex.Word || b.x.sig[i].Kind == lex.QuotedIdent) && isOp(b.x.src, b.x.sig[i+1], ":")
}

// list reads statements from i until one of the stop words (or the end)
// at the start of a statement, and returns where it stopped. Handlers
// declared in the list guard the statements after them.
func (b *block) list(i int, guards []*model.Predicate, stop ...string) int {
	for i < b.end && b.err == nil {
		w := b.word(i)
		for _, s := range stop {
			if w == s {
				return i
			}
		}
		if w == "END" {
			return i
		}
		if b.x.sig[i].Kind == lex.Semicolon {
			i++
			continue
		}
		if w == "DECLARE" && (b.word(i+2) == "HANDLER" || b.word(i+1) == "CONTINUE" || b.word(i+1) == "EXIT" || b.word(i+1) == "UNDO") {
			var p *model.Predicate
			i, p = b.handler(i, guards)
			if p != nil {
				guards = append(guards[:len(guards):len(guards)], p)
			}
			continue
		}
		i = b.statement(i, guards)
	}
	return i
}

// statement reads one statement of a body at i and returns the index
// after it.
func (b *block) statement(i int, guards []*model.Predicate) int {
	if b.isLabel(i) {
		i += 2
	}
	// What a block assigned is not known after it: mark is where its
	// assignments start.
	mark := len(b.sc.touched)
	switch b.word(i) {
	case "BEGIN":
		j := i + 1
		if b.word(j) == "NOT" && b.word(j+1) == "ATOMIC" {
			j += 2
		}
		j = b.branch(j, guards)
		j = b.close(j)
		b.forgetSince(mark)
		return j
	case "IF":
		return b.ifStmt(i, guards, mark)
	case "CASE":
		return b.caseStmt(i, guards, mark)
	case "LOOP":
		j := b.branch(i+1, guards)
		j = b.close(j, "LOOP")
		b.forgetSince(mark)
		return j
	case "WHILE", "FOR":
		j := b.until(i+1, "DO")
		j = b.branch(j+1, guards)
		j = b.close(j, b.word(i))
		b.forgetSince(mark)
		return j
	case "REPEAT":
		j := b.branch(i+1, guards, "UNTIL")
		if b.word(j) != "UNTIL" {
			b.fail(j, "expected UNTIL")
			return b.end
		}
		j = b.until(j+1, "END")
		j = b.close(j, "REPEAT")
		b.forgetSince(mark)
		return j
	case "DECLARE":
		return b.declare(i, guards)
	case "RETURN", "LEAVE", "ITERATE", "OPEN", "CLOSE", "FETCH", "SIGNAL", "RESIGNAL", "GET":
		j := b.semicolon(i)
		b.child(i, j, guards, b.other)
		return j + 1
	}
	j := b.semicolon(i)
	b.child(i, j, guards, nil)
	return j + 1
}

// other fills a statement of the procedural language itself.
func (b *block) other(st *stmt) {}

// child reads tokens [i, j) as a statement (terminated by token j when it
// is a semicolon) and adds it to the output.
func (b *block) child(i, j int, guards []*model.Predicate, fill func(*stmt)) *stmt {
	if i >= j {
		return nil
	}
	term := -1
	if j < b.end && b.x.sig[j].Kind == lex.Semicolon {
		term = j
	}
	st := b.c.newStmt(b.x, i, j, term, b.sc, b.st.Statement, guards)
	if fill != nil {
		fill(st)
	} else {
		b.c.read(st)
	}
	b.out = append(b.out, st.Statement)
	return st
}

// semicolon returns the index of the next semicolon (or the end).
func (b *block) semicolon(i int) int {
	for ; i < b.end; i++ {
		if b.x.sig[i].Kind == lex.Semicolon {
			return i
		}
	}
	return b.end
}

// until returns the index of word w at depth 0 (outside parentheses and
// CASE expressions) from i.
func (b *block) until(i int, w string) int {
	depth, cases := 0, 0
	for ; i < b.end; i++ {
		switch b.x.sig[i].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Word:
			switch b.word(i) {
			case w:
				if depth == 0 && cases == 0 {
					return i
				}
			case "CASE":
				cases++
			case "END":
				cases--
			}
		case lex.Semicolon:
			b.fail(i, "expected "+w)
			return b.end
		}
	}
	b.fail(i, "expected "+w)
	return b.end
}

// close expects END [kw] [label] [;] at i and returns the index after it.
func (b *block) close(i int, kw ...string) int {
	if b.word(i) != "END" {
		if b.err == nil {
			b.fail(i, "expected END"+strings.Join(append([]string{""}, kw...), " "))
		}
		return b.end
	}
	i++
	for _, k := range kw {
		if b.word(i) != k {
			b.fail(i, "expected END "+k)
			return b.end
		}
		i++
	}
	if i < b.end && (b.x.sig[i].Kind == lex.Word || b.x.sig[i].Kind == lex.QuotedIdent) {
		i++ // a label
	}
	if i < b.end && b.x.sig[i].Kind == lex.Semicolon {
		i++
	}
	return i
}

// forgetSince drops what is known of the variables assigned since mark.
// Their assignments stay candidates for a later PREPARE.
func (b *block) forgetSince(mark int) {
	for _, v := range b.sc.touched[mark:] {
		b.sc.env.Forget(v)
		delete(b.sc.consts, v)
	}
	b.sc.touched = b.sc.touched[:mark]
}

// branch reads tokens from i as the body of a new branch.
func (b *block) branch(i int, guards []*model.Predicate, stop ...string) int {
	sc := b.sc
	sc.branches++
	sc.path = append(sc.path, sc.branches)
	j := b.list(i, guards, stop...)
	sc.path = sc.path[:len(sc.path)-1]
	return j
}

// condition parses tokens [i, j) as a condition (SELECT <cond>).
func (b *block) condition(i, j int) *guard.Cond {
	if i >= j {
		b.fail(i, "expected a condition")
		return guard.Unknown()
	}
	a, z := b.x.sig[i].Start, b.x.sig[j-1].End
	const prefix = "SELECT "
	nodes, err := parseSQL(b.c.p, prefix+string(b.x.src[a:z]))
	if err != nil {
		pe := &parseError{err: err, base: a - len(prefix), text: append([]byte(prefix), b.x.src[a:z]...)}
		at := max(pe.pos(), a)
		b.err = &model.SyntaxError{Message: pe.message(b.x.src, at), Pos: b.x.file(at)}
		return guard.Unknown()
	}
	if len(nodes) != 1 {
		return guard.Unknown()
	}
	if f := field(selectNode(nodes[0])); f != nil {
		return b.sc.consts.condOf(f, nil)
	}
	return guard.Unknown()
}

func selectNode(n ast.StmtNode) *ast.SelectStmt {
	s, _ := n.(*ast.SelectStmt)
	return s
}

// branchPreds evaluates a branch condition in the current variables.
func (b *block) branchPreds(cond *guard.Cond, negate bool, i, j int) []*model.Predicate {
	src := model.PredCondition
	if negate {
		src = model.PredElse
	}
	sp := b.x.span(b.x.sig[i].Start, b.x.sig[max(i, j-1)].End)
	return b.c.predicates(b.sc, cond, negate, sp, src)
}

func with(guards []*model.Predicate, more ...[]*model.Predicate) []*model.Predicate {
	out := append([]*model.Predicate(nil), guards...)
	for _, m := range more {
		out = append(out, m...)
	}
	return out
}

// ifStmt reads IF c THEN ... [ELSEIF c THEN ...] [ELSE ...] END IF: each
// branch is guarded by its condition and the negation of earlier ones.
func (b *block) ifStmt(i int, guards []*model.Predicate, mark int) int {
	var negs []*model.Predicate
	for b.err == nil {
		then := b.until(i+1, "THEN")
		if b.err != nil {
			return b.end
		}
		cond := b.condition(i+1, then)
		mine := b.branchPreds(cond, false, i+1, then)
		not := b.branchPreds(cond, true, i+1, then)
		j := b.branch(then+1, with(guards, negs, mine), "ELSEIF", "ELSE")
		b.forgetSince(mark)
		negs = append(negs, not...)
		switch b.word(j) {
		case "ELSEIF":
			i = j
			continue
		case "ELSE":
			j = b.branch(j+1, with(guards, negs))
			b.forgetSince(mark)
		}
		return b.close(j, "IF")
	}
	return b.end
}

// caseStmt reads CASE [v] WHEN x THEN ... [ELSE ...] END CASE.
func (b *block) caseStmt(i int, guards []*model.Predicate, mark int) int {
	simple := b.word(i+1) != "WHEN"
	j := i + 1
	if simple {
		j = b.until(i+1, "WHEN")
	}
	var negs []*model.Predicate
	for b.err == nil && b.word(j) == "WHEN" {
		then := b.until(j+1, "THEN")
		if b.err != nil {
			return b.end
		}
		var mine []*model.Predicate
		if simple {
			sp := b.x.span(b.x.sig[j+1].Start, b.x.sig[max(j+1, then-1)].End)
			mine = []*model.Predicate{unknownPred(b.c.s, model.PredCondition, sp)}
		} else {
			cond := b.condition(j+1, then)
			mine = with(negs, b.branchPreds(cond, false, j+1, then))
			negs = append(negs, b.branchPreds(cond, true, j+1, then)...)
		}
		j = b.branch(then+1, with(guards, mine), "WHEN", "ELSE")
		b.forgetSince(mark)
	}
	if b.word(j) == "ELSE" {
		rest := negs
		if simple {
			rest = []*model.Predicate{unknownPred(b.c.s, model.PredElse, b.x.span(b.x.sig[j].Start, b.x.sig[j].End))}
		}
		j = b.branch(j+1, with(guards, rest))
		b.forgetSince(mark)
	}
	return b.close(j, "CASE")
}

// declare reads DECLARE of variables, conditions and cursors.
func (b *block) declare(i int, guards []*model.Predicate) int {
	j := b.semicolon(i)
	st := b.child(i, j, guards, b.other)
	if st == nil {
		return j + 1
	}
	// DECLARE name CONDITION FOR code | SQLSTATE [VALUE] 'x'
	if b.word(i+2) == "CONDITION" && b.word(i+3) == "FOR" {
		name := strings.ToLower(lex.Ident(b.x.src, b.x.sig[i+1], lex.MySQL))
		if k := i + 4; k < j {
			b.conds[name], _ = b.oneCondition(k)
		}
		return j + 1
	}
	if b.word(i+2) == "CURSOR" {
		return j + 1
	}
	// DECLARE a, b type [DEFAULT expr]
	k := i + 1
	var names []string
	for k < j {
		names = append(names, strings.ToLower(lex.Ident(b.x.src, b.x.sig[k], lex.MySQL)))
		k++
		if k < j && b.x.sig[k].Kind == lex.Comma {
			k++
			continue
		}
		break
	}
	def := -1
	for m := k; m < j; m++ {
		if b.word(m) == "DEFAULT" {
			def = m
			break
		}
	}
	var bound ast.ExprNode
	if def >= 0 && def+1 < j {
		a, z := b.x.sig[def+1].Start, b.x.sig[j-1].End
		if nodes, err := parseSQL(b.c.p, "SELECT "+string(b.x.src[a:z])); err == nil && len(nodes) == 1 {
			bound = field(selectNode(nodes[0]))
		}
	}
	for _, n := range names {
		b.sc.touched = append(b.sc.touched, n)
		delete(b.sc.consts, n)
		if bound == nil {
			b.sc.env.Forget(n)
			continue
		}
		if v, ok := constOf(bound); ok {
			b.sc.consts[n] = v
		}
		if bd, ok := b.sc.consts.binding(bound, nil); ok {
			b.sc.env.Bind(n, bd)
		} else {
			b.sc.env.Forget(n)
		}
	}
	return j + 1
}

// handler reads DECLARE {CONTINUE|EXIT|UNDO} HANDLER FOR conditions
// statement: the predicate it returns guards what follows in the block;
// the handler's own statement is read as a child.
func (b *block) handler(i int, guards []*model.Predicate) (int, *model.Predicate) {
	forAt := -1
	for k := i; k < b.end && k < i+4; k++ {
		if b.word(k) == "FOR" {
			forAt = k
			break
		}
	}
	if forAt < 0 {
		j := b.semicolon(i)
		b.fail(i, "expected HANDLER FOR")
		return j + 1, nil
	}
	// The conditions: a comma list of codes, SQLSTATE [VALUE] 'x', names,
	// SQLEXCEPTION, SQLWARNING, NOT FOUND.
	k := forAt + 1
	var catches []model.Catch
	for k < b.end {
		f, next := b.oneCondition(k)
		catches = append(catches, f...)
		k = next
		if k < b.end && b.x.sig[k].Kind == lex.Comma {
			k++
			continue
		}
		break
	}
	b.child(i, k, guards, b.other)
	end := b.statement(k, guards)
	// A handler that raises the error again (RESIGNAL, SIGNAL) swallows
	// nothing.
	for j := k; j < end && j < b.end; j++ {
		if w := b.word(j); w == "RESIGNAL" || w == "SIGNAL" {
			catches = nil
		}
	}
	var p *model.Predicate
	if len(catches) > 0 {
		sp := b.x.span(b.x.sig[i].Start, b.x.sig[k-1].End)
		p = &model.Predicate{Source: model.PredHandler, Span: sp, Known: true, Catches: catches, Text: b.c.s.Text(sp)}
	}
	return end, p
}

// oneCondition reads one handler condition at k: an error number,
// SQLSTATE [VALUE] 'x', SQLEXCEPTION, or a condition DECLAREd before.
// SQLWARNING and NOT FOUND catch no error.
func (b *block) oneCondition(k int) ([]model.Catch, int) {
	t := b.x.sig[k]
	switch b.word(k) {
	case "SQLEXCEPTION":
		return []model.Catch{{Text: "SQLEXCEPTION", Any: true}}, k + 1
	case "SQLWARNING":
		return nil, k + 1
	case "NOT":
		return nil, k + 2
	case "SQLSTATE":
		k++
		if b.word(k) == "VALUE" {
			k++
		}
		if k < b.end {
			v, _ := lex.StringValue(b.x.src, b.x.sig[k], lex.MySQL)
			return []model.Catch{model.MySQLCatchState(v)}, k + 1
		}
		return nil, k
	}
	if t.Kind == lex.Number {
		n, _ := strconv.Atoi(t.Text(b.x.src))
		return []model.Catch{model.MySQLCatchNumber(n)}, k + 1
	}
	name := lex.Ident(b.x.src, t, lex.MySQL)
	var out []model.Catch
	for _, c := range b.conds[strings.ToLower(name)] {
		c.Text = name + " (" + c.Text + ")"
		out = append(out, c)
	}
	return out, k + 1
}
