package postgres

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// insert handles INSERT: ON CONFLICT and INSERT ... SELECT ... WHERE NOT
// EXISTS are guards; literal VALUES become keys for delete-then-insert.
func (st *stmt) insert(x *pg.InsertStmt) {
	c := st.c
	if x.Relation == nil {
		return
	}
	e := &model.Effect{Action: model.ActInsert, Object: rangeVarObject(x.Relation, model.KindTable)}
	sp := c.body(st.sp)
	if at, ok := c.loc(x.Relation.Location); ok {
		sp = st.head(at)
	}
	switch {
	case x.OnConflictClause != nil:
		e.Guard = model.GuardOnConflict
		if at, ok := c.loc(x.OnConflictClause.Location); ok {
			i := c.tokContaining(at)
			e.GuardSpan = c.fileSpan(c.tokSpan(i, i+2))
		}
	case x.SelectStmt != nil && antiJoin(x.SelectStmt.GetSelectStmt()):
		e.Guard = model.GuardWhereNotExists
		e.GuardSpan = c.guardSpan(st.sp, "NOT", "EXISTS")
	}
	e.Row = insertRow(x)
	e.Uses = st.uses(x.Relation, &pg.Node{Node: &pg.Node_InsertStmt{InsertStmt: x}},
		usePart{nodes: x.Cols, names: true}, usePart{nodes: []*pg.Node{x.SelectStmt}},
		usePart{nodes: []*pg.Node{{Node: &pg.Node_OnConflictClause{OnConflictClause: x.OnConflictClause}}}},
		usePart{nodes: x.ReturningList})
	if oc := x.OnConflictClause; oc != nil && oc.Action == pg.OnConflictAction_ONCONFLICT_UPDATE {
		// DO UPDATE rewrites the existing row: a column computed from its
		// own value changes on every run, unless the WHERE tests it. The
		// stored row is named by the table (or its alias); EXCLUDED is the
		// proposed row, and a bare column name is ambiguous between the two
		// (the server rejects it).
		stored := x.Relation.Relname
		if x.Relation.Alias != nil && x.Relation.Alias.Aliasname != "" {
			stored = x.Relation.Alias.Aliasname
		}
		for _, t := range oc.TargetList {
			rt := t.GetResTarget()
			if rt == nil || rt.Val == nil || !selfRef(rt.Val, rt.Name, false, stored) {
				continue
			}
			if !refersTo(oc.WhereClause, rt.Name, stored) {
				e.SelfRef = rt.Name
				e.SelfRefSpan = st.assignSpan(rt.Location)
			}
			break
		}
	}
	if sel := x.SelectStmt.GetSelectStmt(); sel != nil && len(sel.ValuesLists) > 0 {
		cols := make([]string, 0, len(x.Cols))
		for _, col := range x.Cols {
			if rt := col.GetResTarget(); rt != nil {
				cols = append(cols, rt.Name)
			}
		}
		for _, row := range sel.ValuesLists {
			items := row.GetList()
			if items == nil {
				continue
			}
			for i, v := range items.Items {
				if i < len(cols) {
					if lit, ok := constText(v); ok {
						e.Keys = append(e.Keys, cols[i]+"="+lit)
					}
				}
			}
		}
	}
	st.effect(e, sp)
}

// copyFrom handles COPY t FROM ...: each run loads the rows again, as an
// INSERT without a guard does. COPY has no conflict clause of its own.
func (st *stmt) copyFrom(x *pg.CopyStmt) {
	c := st.c
	if !x.IsFrom || x.Relation == nil {
		return
	}
	e := &model.Effect{Action: model.ActInsert, Object: rangeVarObject(x.Relation, model.KindTable), Load: "COPY FROM stdin"}
	switch {
	case x.IsProgram:
		e.Load = "COPY FROM PROGRAM"
	case x.Filename != "":
		e.Load = "COPY FROM a server file"
	}
	sp := c.body(st.sp)
	if at, ok := c.loc(x.Relation.Location); ok {
		sp = st.head(at)
	}
	st.effect(e, sp)
}

// antiJoin reports whether a SELECT only yields rows that are not there
// yet: WHERE NOT EXISTS (...), WHERE x NOT IN (SELECT ...), or EXCEPT.
func antiJoin(s *pg.SelectStmt) bool {
	if s == nil {
		return false
	}
	if s.Op == pg.SetOperation_SETOP_EXCEPT {
		return true
	}
	if s.Op != pg.SetOperation_SETOP_NONE {
		return antiJoin(s.Larg) && antiJoin(s.Rarg)
	}
	return hasNotExists(s.WhereClause)
}

func hasNotExists(n *pg.Node) bool {
	if n == nil {
		return false
	}
	if b := n.GetBoolExpr(); b != nil {
		if b.Boolop == pg.BoolExprType_NOT_EXPR && len(b.Args) == 1 {
			if sl := b.Args[0].GetSubLink(); sl != nil &&
				(sl.SubLinkType == pg.SubLinkType_EXISTS_SUBLINK || sl.SubLinkType == pg.SubLinkType_ANY_SUBLINK) {
				return true
			}
		}
		if b.Boolop == pg.BoolExprType_AND_EXPR {
			for _, a := range b.Args {
				if hasNotExists(a) {
					return true
				}
			}
		}
	}
	return false
}

// constText renders a literal for key comparison.
func constText(n *pg.Node) (string, bool) {
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.Arg
	}
	ac := n.GetAConst()
	if ac == nil || ac.Isnull {
		return "", false
	}
	switch v := ac.Val.(type) {
	case *pg.A_Const_Sval:
		return v.Sval.Sval, true
	case *pg.A_Const_Ival:
		return strconv.Itoa(int(v.Ival.Ival)), true
	case *pg.A_Const_Fval:
		return v.Fval.Fval, true
	case *pg.A_Const_Boolval:
		return strconv.FormatBool(v.Boolval.Boolval), true
	}
	return "", false
}

// update handles UPDATE: a SET that rewrites a column from its own value
// through arithmetic, concatenation or append does not converge.
func (st *stmt) update(x *pg.UpdateStmt) {
	c := st.c
	if x.Relation == nil {
		return
	}
	e := &model.Effect{Action: model.ActUpdate, Object: rangeVarObject(x.Relation, model.KindTable), HasWhere: x.WhereClause != nil}
	e.Uses = st.uses(x.Relation, &pg.Node{Node: &pg.Node_UpdateStmt{UpdateStmt: x}},
		usePart{nodes: x.FromClause}, usePart{nodes: []*pg.Node{x.WhereClause}},
		usePart{nodes: x.TargetList}, usePart{nodes: x.TargetList, names: true}, usePart{nodes: x.ReturningList})
	sp := c.body(st.sp)
	if at, ok := c.loc(x.Relation.Location); ok {
		sp = st.head(at)
	}
	for _, t := range x.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Val == nil || !selfRef(rt.Val, rt.Name, false, "") {
			continue
		}
		e.SelfRef = rt.Name
		e.SelfRefSpan = st.assignSpan(rt.Location)
		// A WHERE (or a FROM subquery) that reads the column selects rows by
		// their current value, which usually stops the second run.
		if refersTo(x.WhereClause, rt.Name, "") || refersToAny(x.FromClause, rt.Name) {
			e.Guard = model.GuardSelfCheck
		}
		break
	}
	st.effect(e, sp)
}

// assignSpan is the SET assignment starting at text offset loc, up to the
// comma, WHERE, FROM or RETURNING that ends it.
func (st *stmt) assignSpan(loc int32) model.Span {
	c := st.c
	at, ok := c.loc(loc)
	if !ok {
		return model.Span{}
	}
	i := c.tokContaining(at)
	j := i
	depth := 0
scan:
	for ; j < len(c.toks) && c.toks[j].End <= st.sp.End; j++ {
		switch c.upperWord(j) {
		case "WHERE", "FROM", "RETURNING":
			if depth == 0 {
				break scan
			}
		}
		switch c.toks[j].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Comma, lex.Semicolon:
			if depth == 0 {
				break scan
			}
		}
	}
	return c.fileSpan(c.tokSpan(i, j))
}

// delete handles DELETE; WHERE k = literal / k IN (literals) become keys.
func (st *stmt) delete(x *pg.DeleteStmt) {
	c := st.c
	if x.Relation == nil {
		return
	}
	e := &model.Effect{Action: model.ActDelete, Object: rangeVarObject(x.Relation, model.KindTable), HasWhere: x.WhereClause != nil}
	e.Uses = st.uses(x.Relation, &pg.Node{Node: &pg.Node_DeleteStmt{DeleteStmt: x}},
		usePart{nodes: x.UsingClause}, usePart{nodes: []*pg.Node{x.WhereClause}}, usePart{nodes: x.ReturningList})
	sp := c.body(st.sp)
	if at, ok := c.loc(x.Relation.Location); ok {
		sp = st.head(at)
	}
	e.Keys = whereKeys(x.WhereClause)
	st.effect(e, sp)
}

func whereKeys(n *pg.Node) []string {
	if n == nil {
		return nil
	}
	if b := n.GetBoolExpr(); b != nil && b.Boolop == pg.BoolExprType_AND_EXPR {
		var out []string
		for _, a := range b.Args {
			out = append(out, whereKeys(a)...)
		}
		return out
	}
	ax := n.GetAExpr()
	if ax == nil {
		return nil
	}
	col := columnName(ax.Lexpr)
	if col == "" {
		return nil
	}
	switch {
	case ax.Kind == pg.A_Expr_Kind_AEXPR_OP && opName(ax) == "=":
		if v, ok := constText(ax.Rexpr); ok {
			return []string{col + "=" + v}
		}
	case ax.Kind == pg.A_Expr_Kind_AEXPR_IN && opName(ax) == "=":
		var out []string
		if l := ax.Rexpr.GetList(); l != nil {
			for _, it := range l.Items {
				if v, ok := constText(it); ok {
					out = append(out, col+"="+v)
				}
			}
		}
		return out
	}
	return nil
}

func opName(ax *pg.A_Expr) string {
	names := strs(ax.Name)
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// columnName returns the last field of a column reference, or "".
func columnName(n *pg.Node) string {
	if n == nil {
		return ""
	}
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.Arg
	}
	cr := n.GetColumnRef()
	if cr == nil || len(cr.Fields) == 0 {
		return ""
	}
	if s := cr.Fields[len(cr.Fields)-1].GetString_(); s != nil {
		return s.Sval
	}
	return ""
}

// accumulating are functions that grow their first argument.
var accumulating = map[string]bool{
	"concat": true, "concat_ws": true, "array_append": true, "array_prepend": true, "array_cat": true,
	"jsonb_insert": true, "array_fill": false,
}

// selfRef reports whether expr computes a new value from column col
// through an operator or an accumulating function. Under such an
// operation, any reference to the column counts; elsewhere it does not.
// With rel set (ON CONFLICT DO UPDATE), only rel.col counts: the stored
// row, not EXCLUDED's proposed one.
func selfRef(n *pg.Node, col string, underOp bool, rel string) bool {
	if n == nil {
		return false
	}
	switch {
	case n.GetColumnRef() != nil:
		return underOp && columnName(n) == col && (rel == "" || qualifiedBy(n, rel))
	case n.GetTypeCast() != nil:
		return selfRef(n.GetTypeCast().Arg, col, underOp, rel)
	case n.GetAExpr() != nil:
		ax := n.GetAExpr()
		op := ax.Kind == pg.A_Expr_Kind_AEXPR_OP && isGrowingOp(opName(ax))
		return selfRef(ax.Lexpr, col, underOp || op, rel) || selfRef(ax.Rexpr, col, underOp || op, rel)
	case n.GetFuncCall() != nil:
		fc := n.GetFuncCall()
		names := strs(fc.Funcname)
		grow := len(names) > 0 && accumulating[strings.ToLower(names[len(names)-1])]
		for _, a := range fc.Args {
			if selfRef(a, col, underOp || grow, rel) {
				return true
			}
		}
	case n.GetCoalesceExpr() != nil:
		for _, a := range n.GetCoalesceExpr().Args {
			if selfRef(a, col, underOp, rel) {
				return true
			}
		}
	}
	return false
}

// qualifiedBy reports whether a column reference is written rel.column
// with rel the given name; "" matches nothing.
func qualifiedBy(n *pg.Node, rel string) bool {
	cr := n.GetColumnRef()
	if rel == "" || cr == nil || len(cr.Fields) < 2 {
		return false
	}
	s := cr.Fields[len(cr.Fields)-2].GetString_()
	return s != nil && s.Sval == rel
}

func isGrowingOp(op string) bool {
	switch op {
	case "+", "-", "*", "/", "%", "||", "^":
		return true
	}
	return false
}

// refersTo reports whether an expression mentions column col anywhere;
// with rel set, only as rel.col.
func refersTo(n *pg.Node, col, rel string) bool {
	if n == nil {
		return false
	}
	found := false
	pgparse.Walk(n, func(x *pg.Node) bool {
		if columnName(x) == col && x.GetColumnRef() != nil && (rel == "" || qualifiedBy(x, rel)) {
			found = true
		}
		return !found
	})
	return found
}

func refersToAny(nodes []*pg.Node, col string) bool {
	for _, n := range nodes {
		if refersTo(n, col, "") {
			return true
		}
	}
	return false
}
