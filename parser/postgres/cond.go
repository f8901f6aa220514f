package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/model"
)

// parseExpr parses a PL/pgSQL expression as SELECT <expr> and returns it.
func parseExpr(expr string) *pg.Node {
	tree, ok := parseSQL("SELECT " + expr)
	if !ok || len(tree.Stmts) != 1 {
		return nil
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil || len(sel.TargetList) != 1 {
		return nil
	}
	if rt := sel.TargetList[0].GetResTarget(); rt != nil {
		return rt.Val
	}
	return nil
}

// toCond translates a boolean expression into the guard form.
func toCond(n *pg.Node) *guard.Cond {
	switch {
	case n == nil:
		return guard.Unknown()
	case n.GetBoolExpr() != nil:
		b := n.GetBoolExpr()
		op := guard.OpAnd
		switch b.Boolop {
		case pg.BoolExprType_OR_EXPR:
			op = guard.OpOr
		case pg.BoolExprType_NOT_EXPR:
			op = guard.OpNot
		}
		c := &guard.Cond{Op: op}
		for _, a := range b.Args {
			c.Args = append(c.Args, toCond(a))
		}
		return c
	case n.GetSubLink() != nil:
		sl := n.GetSubLink()
		sel := sl.Subselect.GetSelectStmt()
		switch sl.SubLinkType {
		case pg.SubLinkType_EXISTS_SUBLINK:
			return &guard.Cond{Op: guard.OpExists, Query: queryOf(sel)}
		case pg.SubLinkType_EXPR_SUBLINK:
			// (SELECT EXISTS (...)) and friends: a select of one boolean.
			if sel != nil && len(sel.FromClause) == 0 && len(sel.TargetList) == 1 {
				if rt := sel.TargetList[0].GetResTarget(); rt != nil {
					return toCond(rt.Val)
				}
			}
		}
	case n.GetAExpr() != nil:
		return compareCond(n.GetAExpr())
	case n.GetColumnRef() != nil:
		name := columnName(n)
		if strings.EqualFold(name, "found") {
			return &guard.Cond{Op: guard.OpFound}
		}
		return &guard.Cond{Op: guard.OpVar, Var: strings.ToLower(name)}
	case n.GetNullTest() != nil:
		nt := n.GetNullTest()
		var c *guard.Cond
		switch {
		case nt.Arg.GetColumnRef() != nil:
			c = &guard.Cond{Op: guard.OpIsNull, Var: strings.ToLower(columnName(nt.Arg))}
		case nt.Arg.GetSubLink() != nil:
			c = &guard.Cond{Op: guard.OpIsNull, Query: queryOf(nt.Arg.GetSubLink().Subselect.GetSelectStmt())}
		case nt.Arg.GetFuncCall() != nil:
			if obj, ok := regLookup(nt.Arg.GetFuncCall()); ok {
				c = &guard.Cond{Op: guard.OpRegNull, Reg: obj}
			}
		}
		if c == nil {
			return guard.Unknown()
		}
		if nt.Nulltesttype == pg.NullTestType_IS_NOT_NULL {
			return guard.Not(c)
		}
		return c
	}
	return guard.Unknown()
}

var cmpOps = map[string]guard.Cmp{"=": guard.CmpEq, "<>": guard.CmpNe, "!=": guard.CmpNe,
	"<": guard.CmpLt, "<=": guard.CmpLe, ">": guard.CmpGt, ">=": guard.CmpGe}

// flipped gives the comparison with its sides swapped.
var flipped = map[guard.Cmp]guard.Cmp{guard.CmpEq: guard.CmpEq, guard.CmpNe: guard.CmpNe,
	guard.CmpLt: guard.CmpGt, guard.CmpLe: guard.CmpGe, guard.CmpGt: guard.CmpLt, guard.CmpGe: guard.CmpLe}

// compareCond reads count(...) = 0, v > 0, flag = false.
func compareCond(ax *pg.A_Expr) *guard.Cond {
	cmp, ok := cmpOps[opName(ax)]
	if ax.Kind != pg.A_Expr_Kind_AEXPR_OP || !ok {
		return guard.Unknown()
	}
	l, r := ax.Lexpr, ax.Rexpr
	n, isNum := number(r)
	if !isNum {
		if n, isNum = number(l); !isNum {
			return guard.Unknown()
		}
		l, cmp = r, flipped[cmp]
	}
	switch {
	case l.GetSubLink() != nil && l.GetSubLink().SubLinkType == pg.SubLinkType_EXPR_SUBLINK:
		sel := l.GetSubLink().Subselect.GetSelectStmt()
		if isCount(sel) {
			return &guard.Cond{Op: guard.OpCount, Query: queryOf(sel), Cmp: cmp, N: n}
		}
	case l.GetColumnRef() != nil:
		return &guard.Cond{Op: guard.OpVar, Var: strings.ToLower(columnName(l)), Cmp: cmp, N: n}
	case isCountCall(l):
		// count(*) > 0 as the target of SELECT ... INTO: the query is
		// attached by the caller.
		return &guard.Cond{Op: guard.OpCount, Cmp: cmp, N: n}
	}
	return guard.Unknown()
}

// number reads an integer or boolean constant (false is 0, true is 1).
func number(n *pg.Node) (int64, bool) {
	if n == nil {
		return 0, false
	}
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.Arg
	}
	ac := n.GetAConst()
	if ac == nil {
		return 0, false
	}
	switch v := ac.Val.(type) {
	case *pg.A_Const_Ival:
		return int64(v.Ival.Ival), true
	case *pg.A_Const_Boolval:
		if v.Boolval.Boolval {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func isCountCall(n *pg.Node) bool {
	fc := n.GetFuncCall()
	if fc == nil {
		return false
	}
	names := strs(fc.Funcname)
	return len(names) > 0 && strings.EqualFold(names[len(names)-1], "count")
}

// isCount reports whether a select's only target is count(...).
func isCount(sel *pg.SelectStmt) bool {
	if sel == nil || len(sel.TargetList) != 1 {
		return false
	}
	rt := sel.TargetList[0].GetResTarget()
	return rt != nil && isCountCall(rt.Val)
}

// regFuncs are the to_reg* lookups and the kind of object they find.
var regFuncs = map[string]model.ObjectKind{
	"to_regclass": model.KindRelation, "to_regtype": model.KindType, "to_regproc": model.KindFunction,
	"to_regprocedure": model.KindFunction, "to_regnamespace": model.KindSchema, "to_regrole": model.KindRole,
	"to_regcollation": model.KindCollation,
}

func regLookup(fc *pg.FuncCall) (model.Object, bool) {
	names := strs(fc.Funcname)
	if len(names) == 0 || len(fc.Args) != 1 {
		return model.Object{}, false
	}
	kind, ok := regFuncs[strings.ToLower(names[len(names)-1])]
	if !ok {
		return model.Object{}, false
	}
	v, ok := constText(fc.Args[0])
	if !ok {
		return model.Object{Kind: kind, Unknown: true}, true
	}
	if kind == model.KindFunction {
		if i := strings.IndexByte(v, '('); i >= 0 {
			v = v[:i]
		}
	}
	parts := identParts(v)
	schema, _, name := qualified(parts)
	return model.Object{Kind: kind, Schema: schema, Name: name}, true
}

// identParts splits a dotted name as PostgreSQL reads it in regclass
// input: quoted parts keep their case, unquoted ones fold to lower case.
func identParts(s string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		case !quoted:
			cur.WriteString(strings.ToLower(string(c)))
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, cur.String())
}

// queryOf reads the relations and equality tests of a catalog lookup.
func queryOf(sel *pg.SelectStmt) *guard.Query {
	q := guard.NewQuery()
	if sel == nil {
		return q
	}
	var from func(n *pg.Node)
	from = func(n *pg.Node) {
		switch {
		case n.GetRangeVar() != nil:
			rv := n.GetRangeVar()
			name := strings.ToLower(rv.Relname)
			if rv.Schemaname != "" {
				name = strings.ToLower(rv.Schemaname) + "." + name
			}
			q.Relations = append(q.Relations, name)
		case n.GetJoinExpr() != nil:
			j := n.GetJoinExpr()
			from(j.Larg)
			from(j.Rarg)
			whereEqs(q, j.Quals)
		}
	}
	for _, n := range sel.FromClause {
		from(n)
	}
	whereEqs(q, sel.WhereClause)
	return q
}

// whereEqs collects column = literal tests under AND.
func whereEqs(q *guard.Query, n *pg.Node) {
	if n == nil {
		return
	}
	if b := n.GetBoolExpr(); b != nil {
		if b.Boolop == pg.BoolExprType_AND_EXPR {
			for _, a := range b.Args {
				whereEqs(q, a)
			}
		}
		return
	}
	ax := n.GetAExpr()
	if ax == nil {
		return
	}
	op := opName(ax)
	switch {
	case ax.Kind == pg.A_Expr_Kind_AEXPR_OP && op == "=":
	case ax.Kind == pg.A_Expr_Kind_AEXPR_LIKE || ax.Kind == pg.A_Expr_Kind_AEXPR_ILIKE:
	case ax.Kind == pg.A_Expr_Kind_AEXPR_IN:
		if l := ax.Rexpr.GetList(); l != nil && len(l.Items) == 1 {
			eqSides(q, ax.Lexpr, l.Items[0])
		}
		return
	default:
		return
	}
	if !eqSides(q, ax.Lexpr, ax.Rexpr) {
		eqSides(q, ax.Rexpr, ax.Lexpr)
	}
}

// eqSides records col = value when l is a column (possibly under lower()
// or upper()) and r a literal, a regclass cast, a schema function, or
// something unknown. It reports whether l was a column.
func eqSides(q *guard.Query, l, r *pg.Node) bool {
	if fc := l.GetFuncCall(); fc != nil && len(fc.Args) == 1 {
		names := strs(fc.Funcname)
		if len(names) > 0 && (names[len(names)-1] == "lower" || names[len(names)-1] == "upper") {
			l = fc.Args[0]
		}
	}
	if tc := l.GetTypeCast(); tc != nil {
		l = tc.Arg
	}
	col := strings.ToLower(columnName(l))
	if col == "" || l.GetColumnRef() == nil {
		return false
	}
	switch {
	case r.GetTypeCast() != nil && isRegType(r.GetTypeCast().TypeName):
		if v, ok := constText(r.GetTypeCast().Arg); ok {
			q.Regclass[col] = strings.Join(identParts(v), ".")
			return true
		}
		q.AddUnknown(col)
	case r.GetSubLink() != nil:
		// nspname = (SELECT ...) and similar: read the inner lookup too.
		if sel := r.GetSubLink().Subselect.GetSelectStmt(); sel != nil {
			inner := queryOf(sel)
			for k, v := range inner.Eq {
				q.AddEq(k, v)
			}
		}
	case r.GetFuncCall() != nil:
		names := strs(r.GetFuncCall().Funcname)
		if len(names) > 0 {
			switch strings.ToLower(names[len(names)-1]) {
			case "current_schema", "current_database", "database", "schema":
				q.CurrentSchema = true
				return true
			}
		}
		q.AddUnknown(col)
	case r.GetSqlvalueFunction() != nil:
		q.CurrentSchema = true
	case r.GetColumnRef() != nil:
		// A join between catalogs (c.oid = a.attrelid) or a variable: a
		// qualified reference is a join and says nothing; a bare one is a
		// PL/pgSQL variable whose value is not known.
		if len(r.GetColumnRef().Fields) == 1 {
			q.AddUnknown(col)
		}
	default:
		if v, ok := constText(r); ok {
			q.AddEq(col, v)
			return true
		}
		if r.GetParamRef() != nil {
			q.AddUnknown(col)
		}
	}
	return true
}

func isRegType(tn *pg.TypeName) bool {
	names := strs(tn.Names)
	if len(names) == 0 {
		return false
	}
	switch names[len(names)-1] {
	case "regclass", "regtype", "regnamespace", "regproc", "regprocedure", "regrole":
		return true
	}
	return false
}

// selectBinding reads SELECT <target> [FROM ...] as the value a variable
// gets: a count, a boolean test, or a fetched value.
func selectBinding(sel *pg.SelectStmt) (guard.Binding, bool) {
	if sel == nil || len(sel.TargetList) == 0 {
		return guard.Binding{}, false
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil || rt.Val == nil {
		return guard.Binding{}, false
	}
	v := rt.Val
	hasFrom := len(sel.FromClause) > 0
	switch {
	case hasFrom && isCountCall(v):
		return guard.Binding{Kind: guard.BindCount, Query: queryOf(sel)}, true
	case hasFrom && v.GetAExpr() != nil:
		c := compareCond(v.GetAExpr())
		if c.Op == guard.OpCount && c.Query == nil {
			c.Query = queryOf(sel)
			return guard.Binding{Kind: guard.BindCond, Cond: c}, true
		}
	case !hasFrom && v.GetSubLink() != nil && v.GetSubLink().SubLinkType == pg.SubLinkType_EXPR_SUBLINK:
		inner := v.GetSubLink().Subselect.GetSelectStmt()
		if isCount(inner) {
			return guard.Binding{Kind: guard.BindCount, Query: queryOf(inner)}, true
		}
		if inner != nil && len(inner.FromClause) > 0 {
			return guard.Binding{Kind: guard.BindRow, Query: queryOf(inner)}, true
		}
	case !hasFrom:
		c := toCond(v)
		if c.Op != guard.OpUnknown {
			return guard.Binding{Kind: guard.BindCond, Cond: c}, true
		}
	case hasFrom:
		return guard.Binding{Kind: guard.BindRow, Query: queryOf(sel)}, true
	}
	return guard.Binding{}, false
}

// CheckQuery reads a catalog query (a Liquibase sql-check): its FROM and
// WHERE, and whether it selects COUNT(*).
func CheckQuery(sql string) (q *guard.Query, count bool, ok bool) {
	tree, parsed := parseSQL(sql)
	if !parsed || len(tree.Stmts) != 1 {
		return nil, false, false
	}
	sel := tree.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil {
		return nil, false, false
	}
	return queryOf(sel), isCount(sel), true
}
