package mysql

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	driver "github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// What a table definition says about columns and unique keys, for the
// schema model: which guards of a later INSERT can fire (INSERT IGNORE
// and ON DUPLICATE KEY UPDATE need a unique key the row supplies).

// tableDef reads CREATE TABLE's columns, primary key and unique keys.
func tableDef(x *ast.CreateTableStmt) *model.TableDef {
	def := &model.TableDef{Partial: x.ReferTable != nil || x.Select != nil}
	for _, c := range x.Cols {
		col, keys := columnDef(c)
		def.Columns = append(def.Columns, col)
		def.Keys = append(def.Keys, keys...)
	}
	for _, con := range x.Constraints {
		if k, ok := constraintKey(con); ok {
			def.Keys = append(def.Keys, k)
		}
	}
	return def
}

// columnDef reads one column: whether AUTO_INCREMENT or a UUID() default
// fills it, and the keys its options declare. MySQL names a column's
// UNIQUE key after the column.
func columnDef(c *ast.ColumnDef) (model.ColumnDef, []model.KeyDef) {
	if c.Name == nil {
		return model.ColumnDef{}, nil
	}
	name := c.Name.Name.O
	col := model.ColumnDef{Name: name, Type: columnType(c)}
	var keys []model.KeyDef
	for _, o := range c.Options {
		switch o.Tp {
		case ast.ColumnOptionAutoIncrement:
			col.Generated = "AUTO_INCREMENT"
		case ast.ColumnOptionDefaultValue:
			if g := uuidCall(o.Expr); g != "" {
				col.Generated = g
			}
		case ast.ColumnOptionPrimaryKey:
			keys = append(keys, model.KeyDef{Name: "PRIMARY", Columns: []string{name}, Primary: true})
		case ast.ColumnOptionUniqKey:
			keys = append(keys, model.KeyDef{Name: name, Columns: []string{name}})
		}
	}
	// SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
	if c.Tp != nil && c.Tp.GetType() == mysql.TypeLonglong && mysql.HasAutoIncrementFlag(c.Tp.GetFlag()) {
		col.Generated = "AUTO_INCREMENT"
	}
	return col, keys
}

// uuidCall names the UUID function a default expression calls, or "".
func uuidCall(e ast.ExprNode) string {
	found := ""
	v := &funcFinder{fn: func(f *ast.FuncCallExpr) {
		switch f.FnName.L {
		case "uuid", "uuid_short", "sys_guid", "uuid_v4", "uuid_v7":
			if found == "" {
				found = strings.ToUpper(f.FnName.O) + "()"
			}
		}
	}}
	if e != nil {
		e.Accept(v)
	}
	return found
}

type funcFinder struct{ fn func(*ast.FuncCallExpr) }

func (v *funcFinder) Enter(n ast.Node) (ast.Node, bool) {
	if f, ok := n.(*ast.FuncCallExpr); ok {
		v.fn(f)
	}
	return n, false
}

func (v *funcFinder) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// constraintKey reads a PRIMARY KEY or UNIQUE key of a table definition
// or ALTER TABLE ... ADD. An unnamed unique key takes the name of its
// first column.
func constraintKey(con *ast.Constraint) (model.KeyDef, bool) {
	if con == nil {
		return model.KeyDef{}, false
	}
	k := model.KeyDef{Name: con.Name}
	switch con.Tp {
	case ast.ConstraintPrimaryKey:
		k.Primary, k.Name = true, "PRIMARY"
	case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
	default:
		return model.KeyDef{}, false
	}
	k.Columns = keyParts(con.Keys)
	if k.Name == "" && len(con.Keys) > 0 && con.Keys[0].Column != nil {
		k.Name = con.Keys[0].Column.Name.O
	}
	return k, true
}

// keyParts are the columns of a key: each part's column, or those its
// expression reads.
func keyParts(parts []*ast.IndexPartSpecification) []string {
	var out []string
	for _, p := range parts {
		switch {
		case p.Column != nil:
			out = append(out, p.Column.Name.O)
		case p.Expr != nil:
			v := &colCollector{}
			p.Expr.Accept(v)
			out = append(out, v.cols...)
		}
	}
	return out
}

type colCollector struct{ cols []string }

func (v *colCollector) Enter(n ast.Node) (ast.Node, bool) {
	if c, ok := n.(*ast.ColumnNameExpr); ok && c.Name != nil {
		v.cols = append(v.cols, c.Name.Name.O)
	}
	return n, false
}

func (v *colCollector) Leave(n ast.Node) (ast.Node, bool) { return n, true }

// indexKey reads CREATE UNIQUE INDEX; nil for other indexes.
func indexKey(x *ast.CreateIndexStmt) *model.TableDef {
	if x.KeyType != ast.IndexKeyTypeUnique {
		return nil
	}
	return &model.TableDef{Keys: []model.KeyDef{{Name: x.IndexName, Columns: keyParts(x.IndexPartSpecifications)}}}
}

// insertRow reads the columns an INSERT supplies, and the positions it
// leaves to their default in every row: DEFAULT, or NULL, which
// AUTO_INCREMENT replaces with the next value.
func insertRow(x *ast.InsertStmt) *model.InsertRow {
	row := &model.InsertRow{}
	for _, c := range x.Columns {
		row.Columns = append(row.Columns, c.Name.O)
	}
	width := 0
	for _, r := range x.Lists {
		width = max(width, len(r))
	}
	if x.Select != nil {
		width = 0
	}
	for i := range width {
		all := true
		for _, r := range x.Lists {
			if i >= len(r) || !defaulted(r[i]) {
				all = false
				break
			}
		}
		if all {
			row.Defaulted = append(row.Defaulted, i)
		}
	}
	return row
}

func defaulted(e ast.ExprNode) bool {
	switch x := e.(type) {
	case *ast.DefaultExpr:
		return x.Name == nil
	case *driver.ValueExpr:
		return x.Kind() == driver.KindNull
	}
	return false
}

// rowAlias reads MySQL 8's row alias, INSERT ... VALUES (...) AS new
// [(a, b)] ON DUPLICATE KEY UPDATE: the alias and its column names stand
// for the proposed row. od is the token index of ON DUPLICATE.
func (st *stmt) rowAlias(od int) (alias string, cols []string) {
	sig := st.x.sig
	if od <= st.from+2 || od > st.to {
		return "", nil
	}
	j := od
	if sig[j-1].Kind == lex.RParen {
		// AS new (a, b): find the list's opening parenthesis.
		depth := 0
		k := j - 1
		for ; k > st.from; k-- {
			if sig[k].Kind == lex.RParen {
				depth++
			} else if sig[k].Kind == lex.LParen {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if k-2 <= st.from || st.word(k-2) != "AS" {
			return "", nil
		}
		for i := k + 1; i < j-1; i++ {
			if sig[i].Kind != lex.Comma {
				cols = append(cols, st.ident(i))
			}
		}
		return st.ident(k - 1), cols
	}
	if st.word(j-2) == "AS" {
		return st.ident(j - 1), nil
	}
	return "", nil
}

// ident is the name token i spells, without backquotes.
func (st *stmt) ident(i int) string {
	t := st.x.sig[i]
	s := string(st.x.src[t.Start:t.End])
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		s = strings.ReplaceAll(s[1:len(s)-1], "``", "`")
	}
	return s
}

// setDef records what the statement's last effect says about its table.
func (st *stmt) setDef(def *model.TableDef) {
	if def != nil && len(st.Effects) > 0 {
		st.Effects[len(st.Effects)-1].Def = def
	}
}
