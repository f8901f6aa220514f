package mysql

import (
	"strings"

	tidb "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"

	"github.com/idemlint/idemlint/parser/guard"
)

// CheckQuery reads a catalog query (a Liquibase sql-check): its FROM and
// WHERE, and whether it selects COUNT(*).
func CheckQuery(sql string) (q *guard.Query, count bool, ok bool) {
	nodes, err := parseSQL(tidb.New(), sql)
	if err != nil || len(nodes) != 1 {
		return nil, false, false
	}
	sel, isSel := nodes[0].(*ast.SelectStmt)
	if !isSel || sel.Fields == nil || len(sel.Fields.Fields) != 1 {
		return nil, false, false
	}
	return consts(nil).queryOf(sel), isCount(sel.Fields.Fields[0].Expr), true
}

func isCount(e ast.ExprNode) bool {
	a, ok := unparen(e).(*ast.AggregateFuncExpr)
	return ok && strings.EqualFold(a.F, "count")
}

// selectOf returns the SELECT of a scalar subquery.
func selectOf(e ast.ExprNode) *ast.SelectStmt {
	s, ok := unparen(e).(*ast.SubqueryExpr)
	if !ok {
		return nil
	}
	sel, _ := s.Query.(*ast.SelectStmt)
	return sel
}

// field returns the only expression a SELECT yields.
func field(sel *ast.SelectStmt) ast.ExprNode {
	if sel == nil || sel.Fields == nil || len(sel.Fields.Fields) != 1 {
		return nil
	}
	return sel.Fields.Fields[0].Expr
}

// queryOf reads the relations and equality tests of a catalog query.
func (k consts) queryOf(sel *ast.SelectStmt) *guard.Query {
	q := guard.NewQuery()
	if sel.From != nil && sel.From.TableRefs != nil {
		k.addRelations(q, sel.From.TableRefs)
	}
	if sel.Where != nil {
		k.addTests(q, sel.Where, false)
	}
	return q
}

func (k consts) addRelations(q *guard.Query, n ast.ResultSetNode) {
	switch x := n.(type) {
	case *ast.Join:
		if x.Left != nil {
			k.addRelations(q, x.Left)
		}
		if x.Right != nil {
			k.addRelations(q, x.Right)
		}
		if x.On != nil && x.On.Expr != nil {
			k.addTests(q, x.On.Expr, false)
		}
	case *ast.TableSource:
		k.addRelations(q, x.Source)
	case *ast.TableName:
		name := x.Name.L
		if x.Schema.L != "" {
			name = x.Schema.L + "." + name
		}
		q.Relations = append(q.Relations, name)
	}
}

// column returns the column a comparison side names, looking through
// LOWER(), UPPER(), TRIM() and BINARY.
func column(e ast.ExprNode) string {
	switch x := strip(e).(type) {
	case *ast.ColumnNameExpr:
		if x.Name != nil {
			return x.Name.Name.L
		}
	case *ast.FuncCallExpr:
		switch x.FnName.L {
		case "lower", "upper", "lcase", "ucase", "trim", "binary":
			if len(x.Args) == 1 {
				return column(x.Args[0])
			}
		}
	case *ast.FuncCastExpr:
		return column(x.Expr)
	}
	return ""
}

func qualifiedColumn(e ast.ExprNode) bool {
	c, ok := unparen(e).(*ast.ColumnNameExpr)
	return ok && c.Name != nil && c.Name.Table.L != ""
}

// strip removes what does not change a value for comparison: parentheses
// and COLLATE.
func strip(e ast.ExprNode) ast.ExprNode {
	for {
		switch x := e.(type) {
		case *ast.ParenthesesExpr:
			e = x.Expr
		case *ast.SetCollationExpr:
			e = x.Expr
		default:
			return e
		}
	}
}

// consts are the variables known to hold a constant: a string, or the
// current schema (SET @db = DATABASE()).
type consts map[string]constant

type constant struct {
	text   string
	schema bool
}

// constOf returns the constant an assigned expression is, if it is one.
func constOf(e ast.ExprNode) (constant, bool) {
	e = strip(e)
	if isString(e) {
		s, _ := literal(e)
		return constant{text: s}, true
	}
	if isCurrentSchema(e) {
		return constant{schema: true}, true
	}
	return constant{}, false
}

func isCurrentSchema(e ast.ExprNode) bool {
	f, ok := strip(e).(*ast.FuncCallExpr)
	return ok && (f.FnName.L == "database" || f.FnName.L == "schema" || f.FnName.L == "current_schema")
}

// addTests records the equality tests of a WHERE or ON clause. Under OR
// or NOT a test pins nothing down: its column becomes unknown.
func (k consts) addTests(q *guard.Query, e ast.ExprNode, loose bool) {
	switch x := e.(type) {
	case *ast.ParenthesesExpr:
		k.addTests(q, x.Expr, loose)
	case *ast.UnaryOperationExpr:
		if x.Op == opcode.Not || x.Op == opcode.Not2 {
			k.addTests(q, x.V, true)
		}
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.LogicAnd:
			k.addTests(q, x.L, loose)
			k.addTests(q, x.R, loose)
			return
		case opcode.LogicOr, opcode.LogicXor:
			k.addTests(q, x.L, true)
			k.addTests(q, x.R, true)
			return
		}
		col, other := column(x.L), x.R
		if col == "" {
			col, other = column(x.R), x.L
		}
		if col == "" {
			return
		}
		if x.Op != opcode.EQ && x.Op != opcode.NullEQ || loose {
			q.AddUnknown(col)
			return
		}
		if lit, ok := literal(strip(other)); ok {
			q.AddEq(col, lit)
		} else if isCurrentSchema(other) {
			q.CurrentSchema = true
		} else if v, ok := k[varName(other)]; ok {
			// A variable set to a constant earlier: SET @t = 'users'.
			if v.schema {
				q.CurrentSchema = true
			} else {
				q.AddEq(col, v.text)
			}
		} else if !qualifiedColumn(other) {
			// A variable or parameter (or an expression): the name it
			// holds is not known statically. A qualified column is a join.
			q.AddUnknown(col)
		}
	case *ast.PatternInExpr:
		col := column(x.Expr)
		if col == "" {
			return
		}
		if len(x.List) == 1 && !x.Not && !loose {
			if lit, ok := literal(strip(x.List[0])); ok {
				q.AddEq(col, lit)
				return
			}
		}
		q.AddUnknown(col)
	case *ast.PatternLikeOrIlikeExpr:
		col := column(x.Expr)
		if col == "" {
			return
		}
		// '_' matches itself too: a LIKE without '%' names the object.
		if lit, ok := literal(strip(x.Pattern)); ok && !x.Not && !loose && !strings.Contains(lit, "%") {
			q.AddEq(col, strings.ReplaceAll(lit, `\_`, "_"))
			return
		}
		q.AddUnknown(col)
	}
}

// countQuery returns the query a COUNT is taken over: a scalar subquery
// selecting COUNT(...), or a bare COUNT over agg (the query the
// expression itself is selected from).
func (k consts) countQuery(e ast.ExprNode, agg *guard.Query) *guard.Query {
	e = unparen(e)
	if f, ok := e.(*ast.FuncCallExpr); ok && (f.FnName.L == "ifnull" || f.FnName.L == "coalesce") && len(f.Args) == 2 {
		if n, ok := number(f.Args[1]); ok && n == 0 {
			e = unparen(f.Args[0])
		}
	}
	if isCount(e) {
		return agg
	}
	if sel := selectOf(e); sel != nil && isCount(field(sel)) {
		return k.queryOf(sel)
	}
	return nil
}

var cmpOps = map[opcode.Op]guard.Cmp{
	opcode.EQ: guard.CmpEq, opcode.NullEQ: guard.CmpEq, opcode.NE: guard.CmpNe,
	opcode.LT: guard.CmpLt, opcode.LE: guard.CmpLe, opcode.GT: guard.CmpGt, opcode.GE: guard.CmpGe,
}

// flip mirrors a comparison: 0 < x is x > 0.
func flip(c guard.Cmp) guard.Cmp {
	switch c {
	case guard.CmpLt:
		return guard.CmpGt
	case guard.CmpLe:
		return guard.CmpGe
	case guard.CmpGt:
		return guard.CmpLt
	case guard.CmpGe:
		return guard.CmpLe
	}
	return c
}

// varName returns the variable an operand names: @user or a local one
// (an unqualified name outside any query).
func varName(e ast.ExprNode) string {
	switch x := unparen(e).(type) {
	case *ast.VariableExpr:
		if !x.IsSystem {
			return lowerName(x.Name)
		}
	case *ast.ColumnNameExpr:
		if x.Name != nil && x.Name.Table.L == "" {
			return x.Name.Name.L
		}
	}
	return ""
}

// condOf converts an expression used as a condition; agg is the query a
// bare COUNT(*) in it counts over, or nil.
func (k consts) condOf(e ast.ExprNode, agg *guard.Query) *guard.Cond {
	switch x := e.(type) {
	case *ast.ParenthesesExpr:
		return k.condOf(x.Expr, agg)
	case *ast.ExistsSubqueryExpr:
		sel := selectOf(x.Sel)
		if sel == nil {
			return guard.Unknown()
		}
		c := &guard.Cond{Op: guard.OpExists, Query: k.queryOf(sel)}
		if x.Not {
			return guard.Not(c)
		}
		return c
	case *ast.UnaryOperationExpr:
		if x.Op == opcode.Not || x.Op == opcode.Not2 {
			return guard.Not(k.condOf(x.V, agg))
		}
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.LogicAnd:
			return &guard.Cond{Op: guard.OpAnd, Args: []*guard.Cond{k.condOf(x.L, agg), k.condOf(x.R, agg)}}
		case opcode.LogicOr:
			return &guard.Cond{Op: guard.OpOr, Args: []*guard.Cond{k.condOf(x.L, agg), k.condOf(x.R, agg)}}
		}
		cmp, ok := cmpOps[x.Op]
		if !ok {
			break
		}
		side, n, isNum := x.L, int64(0), false
		if n, isNum = number(unparen(x.R)); !isNum {
			if n, isNum = number(unparen(x.L)); !isNum {
				break
			}
			side, cmp = x.R, flip(cmp)
		}
		if q := k.countQuery(side, agg); q != nil {
			return &guard.Cond{Op: guard.OpCount, Query: q, Cmp: cmp, N: n}
		}
		if v := varName(side); v != "" {
			return &guard.Cond{Op: guard.OpVar, Var: v, Cmp: cmp, N: n}
		}
	case *ast.IsNullExpr:
		var c *guard.Cond
		if v := varName(x.Expr); v != "" {
			c = &guard.Cond{Op: guard.OpIsNull, Var: v}
		} else if sel := selectOf(x.Expr); sel != nil && !isCount(field(sel)) {
			c = &guard.Cond{Op: guard.OpIsNull, Query: k.queryOf(sel)}
		} else {
			break
		}
		if x.Not {
			return guard.Not(c)
		}
		return c
	case *ast.VariableExpr, *ast.ColumnNameExpr:
		// A bare value is true when it is not zero: for a count, that
		// rows exist.
		if v := varName(x); v != "" {
			return &guard.Cond{Op: guard.OpVar, Var: v, Cmp: guard.CmpNe, N: 0}
		}
	case *ast.SubqueryExpr, *ast.AggregateFuncExpr, *ast.FuncCallExpr:
		if q := k.countQuery(x, agg); q != nil {
			return &guard.Cond{Op: guard.OpCount, Query: q, Cmp: guard.CmpNe, N: 0}
		}
	default:
		if n, ok := number(e); ok {
			return &guard.Cond{Op: guard.OpBool, Bool: n != 0}
		}
	}
	return guard.Unknown()
}

// binding says what assigning expression e to a variable binds it to;
// agg is the query e is selected from (SELECT ... INTO v FROM ...).
func (k consts) binding(e ast.ExprNode, agg *guard.Query) (guard.Binding, bool) {
	e = unparen(e)
	if isCount(e) && agg != nil {
		return guard.Binding{Kind: guard.BindCount, Query: agg}, true
	}
	if sel := selectOf(e); sel != nil {
		f := field(sel)
		if f == nil {
			return guard.Binding{}, false
		}
		inner := k.queryOf(sel)
		if isCount(f) {
			return guard.Binding{Kind: guard.BindCount, Query: inner}, true
		}
		if isCondition(f) {
			return k.binding(f, inner)
		}
		if _, ok := unparen(f).(*ast.ColumnNameExpr); ok && sel.From != nil {
			return guard.Binding{Kind: guard.BindRow, Query: inner}, true
		}
		if n, ok := number(unparen(f)); ok && sel.From != nil && n != 0 {
			// SELECT 1 FROM ... : NULL (no row) or 1.
			return guard.Binding{Kind: guard.BindRow, Query: inner}, true
		}
		return guard.Binding{}, false
	}
	if isCondition(e) {
		if c := k.condOf(e, agg); c.Op != guard.OpUnknown {
			return guard.Binding{Kind: guard.BindCond, Cond: c}, true
		}
	}
	if _, ok := e.(*ast.ColumnNameExpr); ok && agg != nil {
		return guard.Binding{Kind: guard.BindRow, Query: agg}, true
	}
	return guard.Binding{}, false
}

// isCondition reports whether e is a boolean test.
func isCondition(e ast.ExprNode) bool {
	switch x := unparen(e).(type) {
	case *ast.ExistsSubqueryExpr, *ast.IsNullExpr:
		return true
	case *ast.UnaryOperationExpr:
		return x.Op == opcode.Not || x.Op == opcode.Not2
	case *ast.BinaryOperationExpr:
		_, cmp := cmpOps[x.Op]
		return cmp || x.Op == opcode.LogicAnd || x.Op == opcode.LogicOr
	}
	return false
}
