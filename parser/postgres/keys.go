package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// What a table definition says about columns and unique keys, for the
// schema model: which guards of a later INSERT can fire (ON CONFLICT needs
// a unique key the row supplies).

// tableDef reads CREATE TABLE's columns, primary key, unique and exclusion
// constraints. Names are the ones PostgreSQL gives when none is written
// (<table>_pkey, <table>_<cols>_key, <table>_<cols>_excl), or "" when the
// server would shorten them.
func tableDef(x *pg.CreateStmt) *model.TableDef {
	table := ""
	if x.Relation != nil {
		table = x.Relation.Relname
	}
	def := &model.TableDef{Partial: len(x.InhRelations) > 0 || x.Partbound != nil || x.OfTypename != nil}
	for _, n := range x.TableElts {
		switch {
		case n.GetColumnDef() != nil:
			col, keys := columnDef(n.GetColumnDef(), table)
			def.Columns = append(def.Columns, col)
			def.Keys = append(def.Keys, keys...)
		case n.GetConstraint() != nil:
			if k, ok := constraintKey(n.GetConstraint(), table, nil); ok {
				def.Keys = append(def.Keys, k)
			}
			if con := n.GetConstraint(); con.Contype == pg.ConstrType_CONSTR_CHECK && notNullColumn(con.RawExpr) != "" {
				def.Checks = append(def.Checks, model.CheckDef{Name: con.Conname, Column: notNullColumn(con.RawExpr), Invalid: con.SkipValidation})
			}
		case n.GetTableLikeClause() != nil:
			def.Partial = true
		}
	}
	for _, n := range x.Constraints {
		if k, ok := constraintKey(n.GetConstraint(), table, nil); ok {
			def.Keys = append(def.Keys, k)
		}
	}
	return def
}

// columnDef reads one column: what fills it when an INSERT leaves it out,
// and the keys its own constraints declare.
func columnDef(c *pg.ColumnDef, table string) (model.ColumnDef, []model.KeyDef) {
	col := model.ColumnDef{Name: c.Colname, Type: typeString(c.TypeName)}
	if c.TypeName != nil {
		if names := strs(c.TypeName.Names); len(names) > 0 {
			switch strings.ToLower(names[len(names)-1]) {
			case "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial":
				col.Generated = "its sequence"
			}
		}
	}
	if c.RawDefault != nil {
		col.Generated = generator(c.RawDefault)
	}
	if c.Identity != "" {
		col.Generated = "its sequence"
	}
	var keys []model.KeyDef
	for _, n := range c.Constraints {
		con := n.GetConstraint()
		if con == nil {
			continue
		}
		switch con.Contype {
		case pg.ConstrType_CONSTR_IDENTITY:
			col.Generated = "its sequence"
		case pg.ConstrType_CONSTR_DEFAULT:
			col.Generated = generator(con.RawExpr)
		case pg.ConstrType_CONSTR_PRIMARY, pg.ConstrType_CONSTR_UNIQUE:
			if k, ok := constraintKey(con, table, []string{c.Colname}); ok {
				keys = append(keys, k)
			}
		}
	}
	return col, keys
}

// generator names the function of a column default that yields a fresh
// value on every row, or "".
func generator(n *pg.Node) string {
	for n != nil && n.GetTypeCast() != nil {
		n = n.GetTypeCast().Arg
	}
	fc := n.GetFuncCall()
	if fc == nil {
		return ""
	}
	names := strs(fc.Funcname)
	if len(names) == 0 {
		return ""
	}
	switch name := strings.ToLower(names[len(names)-1]); name {
	case "nextval":
		return "its sequence"
	case "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7":
		return name + "()"
	}
	return ""
}

// constraintKey reads a PRIMARY KEY, UNIQUE or EXCLUDE constraint; cols
// are the columns of a column constraint, which lists none of its own.
func constraintKey(con *pg.Constraint, table string, cols []string) (model.KeyDef, bool) {
	if con == nil {
		return model.KeyDef{}, false
	}
	k := model.KeyDef{Name: con.Conname}
	suffix := "key"
	switch con.Contype {
	case pg.ConstrType_CONSTR_PRIMARY:
		k.Primary = true
		suffix = "pkey"
	case pg.ConstrType_CONSTR_UNIQUE:
	case pg.ConstrType_CONSTR_EXCLUSION:
		suffix = "excl"
		for _, ex := range con.Exclusions {
			if l := ex.GetList(); l != nil && len(l.Items) > 0 {
				if ie := l.Items[0].GetIndexElem(); ie != nil {
					k.Columns = append(k.Columns, indexElemColumns(ie)...)
				}
			}
		}
	default:
		return model.KeyDef{}, false
	}
	if con.Contype != pg.ConstrType_CONSTR_EXCLUSION {
		k.Columns = append(k.Columns, cols...)
		k.Columns = append(k.Columns, strs(con.Keys)...)
	}
	if k.Name == "" && con.Indexname == "" {
		k.Name = defaultName(table, k.Columns, suffix, k.Primary)
	}
	return k, true
}

// indexKey reads CREATE UNIQUE INDEX; nil for other indexes.
func indexKey(x *pg.IndexStmt) *model.TableDef {
	if !x.Unique || x.Relation == nil {
		return nil
	}
	k := model.KeyDef{Name: x.Idxname}
	for _, p := range x.IndexParams {
		if ie := p.GetIndexElem(); ie != nil {
			k.Columns = append(k.Columns, indexElemColumns(ie)...)
		}
	}
	if k.Name == "" {
		k.Name = defaultName(x.Relation.Relname, k.Columns, "idx", false)
	}
	return &model.TableDef{Keys: []model.KeyDef{k}}
}

// indexElemColumns are the columns an index element reads: its column, or
// those of its expression.
func indexElemColumns(ie *pg.IndexElem) []string {
	if ie.Name != "" {
		return []string{ie.Name}
	}
	var out []string
	pgparse.Walk(ie.Expr, func(n *pg.Node) bool {
		if n.GetColumnRef() != nil {
			if c := columnName(n); c != "" {
				out = append(out, c)
			}
		}
		return true
	})
	return out
}

// defaultName is the name PostgreSQL chooses for an unnamed key, or ""
// when it would be longer than an identifier may be (the server then
// shortens it its own way) or made unique with a number.
func defaultName(table string, cols []string, suffix string, primary bool) string {
	name := table + "_" + strings.Join(cols, "_") + "_" + suffix
	if primary {
		name = table + "_pkey"
	}
	if table == "" || len(name) > 63 {
		return ""
	}
	return name
}

// insertRow reads the columns an INSERT supplies, and the positions it
// leaves to their default in every row of its VALUES.
func insertRow(x *pg.InsertStmt) *model.InsertRow {
	if x.SelectStmt == nil {
		return nil // DEFAULT VALUES
	}
	row := &model.InsertRow{}
	for _, col := range x.Cols {
		if rt := col.GetResTarget(); rt != nil {
			row.Columns = append(row.Columns, rt.Name)
		}
	}
	sel := x.SelectStmt.GetSelectStmt()
	if sel == nil || len(sel.ValuesLists) == 0 {
		return row
	}
	width := 0
	for _, r := range sel.ValuesLists {
		if l := r.GetList(); l != nil {
			width = max(width, len(l.Items))
		}
	}
	for i := range width {
		all := true
		for _, r := range sel.ValuesLists {
			l := r.GetList()
			if l == nil || i >= len(l.Items) || l.Items[i].GetSetToDefault() == nil {
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

// setDef records what the statement's last effect says about its table.
func (st *stmt) setDef(def *model.TableDef) {
	if def != nil && len(st.Effects) > 0 {
		st.Effects[len(st.Effects)-1].Def = def
	}
}
