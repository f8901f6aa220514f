package mysql

import (
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	driver "github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// literal renders a constant as written, strings unquoted.
func literal(e ast.ExprNode) (string, bool) {
	v, ok := e.(*driver.ValueExpr)
	if !ok {
		return "", false
	}
	switch v.Kind() {
	case driver.KindString, driver.KindBytes:
		return v.GetString(), true
	case driver.KindInt64:
		return strconv.FormatInt(v.GetInt64(), 10), true
	case driver.KindUint64:
		return strconv.FormatUint(v.GetUint64(), 10), true
	case driver.KindMysqlDecimal:
		return v.GetMysqlDecimal().String(), true
	case driver.KindFloat32, driver.KindFloat64:
		return strconv.FormatFloat(v.GetFloat64(), 'g', -1, 64), true
	}
	return "", false
}

// isString reports whether e is a string literal.
func isString(e ast.ExprNode) bool {
	v, ok := e.(*driver.ValueExpr)
	return ok && (v.Kind() == driver.KindString || v.Kind() == driver.KindBytes)
}

// number returns the integer value of a numeric literal.
func number(e ast.ExprNode) (int64, bool) {
	v, ok := e.(*driver.ValueExpr)
	if !ok {
		return 0, false
	}
	switch v.Kind() {
	case driver.KindInt64:
		return v.GetInt64(), true
	case driver.KindUint64:
		return int64(v.GetUint64()), true
	}
	return 0, false
}

// firstTable is the leftmost table of a FROM / table reference list.
func firstTable(n ast.ResultSetNode) *ast.TableName {
	switch x := n.(type) {
	case *ast.Join:
		if t := firstTable(x.Left); t != nil {
			return t
		}
		if x.Right != nil {
			return firstTable(x.Right)
		}
	case *ast.TableSource:
		return firstTable(x.Source)
	case *ast.TableName:
		return x
	}
	return nil
}

func refsTable(r *ast.TableRefsClause) *ast.TableName {
	if r == nil || r.TableRefs == nil {
		return nil
	}
	return firstTable(r.TableRefs)
}

// tableHead is the span from the statement start through the first table
// name after the verb and its modifiers.
func (st *stmt) tableHead(words ...string) model.Span {
	i := st.from + 1
	for i < st.to {
		switch st.word(i) {
		case "LOW_PRIORITY", "HIGH_PRIORITY", "DELAYED", "IGNORE", "QUICK":
			i++
			continue
		}
		break
	}
	for _, w := range words {
		if k := st.find(st.from, st.to, w); k >= 0 && k < i+2 {
			i = k + 1
		}
	}
	return st.head(i)
}

// insert handles INSERT and REPLACE.
func (st *stmt) insert(x *ast.InsertStmt) {
	e := &model.Effect{Action: model.ActInsert, Object: tableObject(refsTable(x.Table), model.KindTable)}
	switch {
	case x.IsReplace:
		e.Guard = model.GuardReplaceInto
		e.GuardSpan = st.tokSpan(st.from, st.from+1)
	case x.IgnoreErr:
		e.Guard = model.GuardInsertIgnore
		e.GuardSpan = st.guardSpan(st.from, st.to, "IGNORE")
	case len(x.OnDuplicate) > 0:
		e.Guard = model.GuardOnDuplicateKey
		e.GuardSpan = st.guardSpan(st.from, st.to, "ON", "DUPLICATE", "KEY", "UPDATE")
	case x.Select != nil && antiJoin(x.Select):
		e.Guard = model.GuardWhereNotExists
		e.GuardSpan = st.guardSpan(st.from, st.to, "NOT", "EXISTS")
		if !e.GuardSpan.Valid() || e.GuardSpan == (model.Span{}) {
			e.GuardSpan = st.guardSpan(st.from, st.to, "NOT", "IN")
		}
	}
	e.Row = insertRow(x)
	if len(x.OnDuplicate) > 0 {
		st.upsertSelfRef(x, e)
	}
	if len(x.Columns) > 0 {
		for _, row := range x.Lists {
			for i, v := range row {
				if i >= len(x.Columns) {
					break
				}
				if lit, ok := literal(v); ok {
					e.Keys = append(e.Keys, x.Columns[i].Name.L+"="+lit)
				}
			}
		}
	}
	st.effect(e, st.tableHead("INTO"))
}

// upsertSelfRef finds an ON DUPLICATE KEY UPDATE assignment that computes
// a column from the stored row's own value: on every run the duplicate
// key is met again and the value moves again. VALUES(c) and the row alias
// (AS new: new.c, or a column alias) read the proposed row and converge.
func (st *stmt) upsertSelfRef(x *ast.InsertStmt, e *model.Effect) {
	od := st.find(st.from, st.to, "ON", "DUPLICATE", "KEY", "UPDATE")
	alias, aliasCols := st.rowAlias(od)
	var segs [][2]int
	if od >= 0 {
		segs = lex.Segments(st.x.sig, od+4, st.to)
	}
	for i, a := range x.OnDuplicate {
		if a.Column == nil {
			continue
		}
		col := a.Column.Name.L
		if !selfRefAliased(a.Expr, col, alias, aliasCols) {
			continue
		}
		e.SelfRef = a.Column.Name.O
		if len(segs) == len(x.OnDuplicate) {
			e.SelfRefSpan = st.tokSpan(segs[i][0], segs[i][1])
		}
		return
	}
}

// selfRefAliased is selfRef for an upsert: the row alias and its column
// names stand for the proposed row, so they never count.
func selfRefAliased(e ast.ExprNode, col, alias string, aliasCols []string) bool {
	for _, c := range aliasCols {
		if strings.EqualFold(c, col) {
			return false // the bare name is the proposed row's
		}
	}
	return selfRef(e, col, strings.ToLower(alias), false)
}

// antiJoin reports whether an INSERT's SELECT only yields rows that are
// not there yet: WHERE NOT EXISTS (...) or WHERE k NOT IN (SELECT ...).
func antiJoin(n ast.ResultSetNode) bool {
	switch x := n.(type) {
	case *ast.SelectStmt:
		return hasNotExists(x.Where)
	case *ast.SetOprStmt:
		if x.SelectList == nil || len(x.SelectList.Selects) == 0 {
			return false
		}
		for _, s := range x.SelectList.Selects {
			if r, ok := s.(ast.ResultSetNode); !ok || !antiJoin(r) {
				return false
			}
		}
		return true
	}
	return false
}

func hasNotExists(e ast.ExprNode) bool {
	switch x := e.(type) {
	case *ast.ExistsSubqueryExpr:
		return x.Not
	case *ast.UnaryOperationExpr:
		if x.Op == opcode.Not || x.Op == opcode.Not2 {
			if ex, ok := unparen(x.V).(*ast.ExistsSubqueryExpr); ok {
				return !ex.Not
			}
		}
	case *ast.PatternInExpr:
		return x.Not && x.Sel != nil
	case *ast.BinaryOperationExpr:
		if x.Op == opcode.LogicAnd {
			return hasNotExists(x.L) || hasNotExists(x.R)
		}
	case *ast.ParenthesesExpr:
		return hasNotExists(x.Expr)
	}
	return false
}

func unparen(e ast.ExprNode) ast.ExprNode {
	for {
		p, ok := e.(*ast.ParenthesesExpr)
		if !ok {
			return e
		}
		e = p.Expr
	}
}

// update handles UPDATE: a SET that rewrites a column from its own value
// through arithmetic, concatenation or append does not converge.
func (st *stmt) update(x *ast.UpdateStmt) {
	e := &model.Effect{Action: model.ActUpdate, Object: tableObject(refsTable(x.TableRefs), model.KindTable), HasWhere: x.Where != nil}
	set := st.find(st.from, st.to, "SET")
	var segs [][2]int
	if set >= 0 {
		end := st.to
		for i := set + 1; i < st.to; i++ {
			if w := st.word(i); (w == "WHERE" || w == "ORDER" || w == "LIMIT") && depthAt(st, set, i) == 0 {
				end = i
				break
			}
		}
		segs = lex.Segments(st.x.sig, set+1, end)
	}
	for i, a := range x.List {
		if a.Column == nil || !selfRef(a.Expr, a.Column.Name.L, "", false) {
			continue
		}
		e.SelfRef = a.Column.Name.O
		if len(segs) == len(x.List) {
			e.SelfRefSpan = st.tokSpan(segs[i][0], segs[i][1])
		}
		if x.Where != nil && refersTo(x.Where, a.Column.Name.L) {
			e.Guard = model.GuardSelfCheck
			e.GuardSpan = st.guardSpan(st.from, st.to, "WHERE")
		}
		break
	}
	st.effect(e, st.tableHead())
}

// depthAt is the parenthesis depth at token i counted from token from.
func depthAt(st *stmt, from, i int) int {
	d := 0
	for k := from; k < i; k++ {
		switch st.x.sig[k].Kind {
		case lex.LParen:
			d++
		case lex.RParen:
			d--
		}
	}
	return d
}

// growing functions add to their first argument on every call.
var growing = map[string]bool{
	"concat": true, "concat_ws": true, "json_array_append": true, "json_array_insert": true,
	"json_merge": true, "json_merge_preserve": true, "date_add": true, "adddate": true,
	"date_sub": true, "subdate": true, "addtime": true, "subtime": true, "timestampadd": true,
	"insert": true, "repeat": true,
}

// selfRef reports whether e reads column col through an operation that
// does not converge; under says an enclosing operation already does.
// alias.col (an upsert's row alias, lower case; "" for none) is the
// proposed row, and VALUES(col) too: neither counts.
func selfRef(e ast.ExprNode, col, alias string, under bool) bool {
	switch x := e.(type) {
	case *ast.ColumnNameExpr:
		return under && x.Name != nil && x.Name.Name.L == col && (alias == "" || x.Name.Table.L != alias)
	case *ast.ParenthesesExpr:
		return selfRef(x.Expr, col, alias, under)
	case *ast.BinaryOperationExpr:
		grows := under
		switch x.Op {
		case opcode.Plus, opcode.Minus, opcode.Mul, opcode.Div, opcode.IntDiv, opcode.Mod,
			opcode.Or, opcode.And, opcode.Xor, opcode.LeftShift, opcode.RightShift, opcode.LogicXor:
			grows = true
		}
		return selfRef(x.L, col, alias, grows) || selfRef(x.R, col, alias, grows)
	case *ast.UnaryOperationExpr:
		switch x.Op {
		case opcode.Minus, opcode.Not, opcode.Not2, opcode.BitNeg:
			return selfRef(x.V, col, alias, true)
		}
		return selfRef(x.V, col, alias, under)
	case *ast.FuncCallExpr:
		grows := under || growing[x.FnName.L]
		for _, a := range x.Args {
			if selfRef(a, col, alias, grows) {
				return true
			}
		}
	case *ast.FuncCastExpr:
		return selfRef(x.Expr, col, alias, under)
	case *ast.CaseExpr:
		for _, w := range x.WhenClauses {
			if selfRef(w.Result, col, alias, under) {
				return true
			}
		}
		if x.ElseClause != nil {
			return selfRef(x.ElseClause, col, alias, under)
		}
	}
	return false
}

// refersTo reports whether an expression reads column col anywhere.
func refersTo(e ast.ExprNode, col string) bool {
	v := &colFinder{col: col}
	e.Accept(v)
	return v.found
}

type colFinder struct {
	col   string
	found bool
}

func (v *colFinder) Enter(n ast.Node) (ast.Node, bool) {
	if c, ok := n.(*ast.ColumnNameExpr); ok && c.Name != nil && c.Name.Name.L == v.col {
		v.found = true
	}
	return n, v.found
}

func (v *colFinder) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// delete handles DELETE; WHERE k = literal / k IN (literals) become keys.
func (st *stmt) delete(x *ast.DeleteStmt) {
	var t *ast.TableName
	if x.IsMultiTable && x.Tables != nil && len(x.Tables.Tables) > 0 {
		t = x.Tables.Tables[0]
	} else {
		t = refsTable(x.TableRefs)
	}
	e := &model.Effect{Action: model.ActDelete, Object: tableObject(t, model.KindTable), HasWhere: x.Where != nil}
	e.Keys = whereKeys(x.Where)
	st.effect(e, st.tableHead("FROM"))
}

func whereKeys(e ast.ExprNode) []string {
	switch x := e.(type) {
	case *ast.ParenthesesExpr:
		return whereKeys(x.Expr)
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.LogicAnd:
			return append(whereKeys(x.L), whereKeys(x.R)...)
		case opcode.EQ:
			l, r := x.L, x.R
			if _, ok := r.(*ast.ColumnNameExpr); ok {
				l, r = r, l
			}
			c, ok := l.(*ast.ColumnNameExpr)
			if !ok || c.Name == nil {
				return nil
			}
			if lit, ok := literal(r); ok {
				return []string{c.Name.Name.L + "=" + lit}
			}
		}
	case *ast.PatternInExpr:
		c, ok := x.Expr.(*ast.ColumnNameExpr)
		if !ok || x.Not || x.Sel != nil || c.Name == nil {
			return nil
		}
		var out []string
		for _, v := range x.List {
			if lit, ok := literal(v); ok {
				out = append(out, c.Name.Name.L+"="+lit)
			}
		}
		return out
	}
	return nil
}

// lowerName strips a variable's @ and folds case: user variables are
// case-insensitive.
func lowerName(s string) string { return strings.ToLower(strings.TrimLeft(s, "@")) }
