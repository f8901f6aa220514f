package postgres

import (
	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// uses lists the tables and columns a data statement names besides its
// target table. Only what resolves without knowing the tables' columns is
// listed: a column qualified by a table or its alias, a bare column when
// the statement names no other table (nothing else could own it), and a
// bare column of a SELECT whose FROM is one table.
// Names that a WITH query, a subquery or a function in FROM make up are
// not tables, and a name bound twice to different tables is left out.
// Statements inside PL/pgSQL bodies give none: a bare name there may be a
// variable.
//
// The columns come in the order of parts, which follows the server's
// analysis (an UPDATE's FROM and WHERE before its SET), so that the first
// one missing is the one the server names.
func (st *stmt) uses(target *pg.RangeVar, root *pg.Node, parts ...usePart) []model.Use {
	if st.Parent != nil || target == nil {
		return nil
	}
	return st.columnUses(target, root, false, parts...)
}

// viewColumns lists the columns a view's query reads where their table is
// certain, as uses finds them, with "*" for every column of a table a
// star reads: PostgreSQL records a view's dependency on each column it
// reads, the columns a star stands for included.
func (st *stmt) viewColumns(q *pg.Node) []model.Object {
	if st.Parent != nil || q == nil {
		return nil
	}
	var out []model.Object
	for _, u := range st.columnUses(nil, q, true, usePart{nodes: []*pg.Node{q}}) {
		if u.Object.Kind == model.KindColumn {
			out = append(out, u.Object)
		}
	}
	return out
}

// columnUses is uses for a statement with a target table or, with a nil
// target, a query (a view's); stars lists the tables stars read as the
// column "*".
func (st *stmt) columnUses(target *pg.RangeVar, root *pg.Node, stars bool, parts ...usePart) []model.Use {
	c := st.c
	ctes := map[string]bool{}
	// binds maps each qualifier the statement may write to its table;
	// nil marks a name that is not a table or is bound twice.
	binds := map[string]*model.Object{}
	bind := func(name string, o *model.Object) {
		if prev, ok := binds[name]; ok && (prev == nil || o == nil || *prev != *o) {
			binds[name] = nil
			return
		}
		binds[name] = o
	}
	var targetObj model.Object
	if target != nil {
		targetObj = rangeVarObject(target, model.KindTable)
	}
	var rels []*pg.RangeVar
	var sels []*pg.SelectStmt // those with one FROM item
	others := false           // a FROM item that is not a table
	pgparse.Walk(root, func(n *pg.Node) bool {
		switch {
		case n.GetSelectStmt() != nil:
			if len(n.GetSelectStmt().FromClause) == 1 {
				sels = append(sels, n.GetSelectStmt())
			}
		case n.GetCommonTableExpr() != nil:
			ctes[n.GetCommonTableExpr().Ctename] = true
		case n.GetRangeVar() != nil:
			rels = append(rels, n.GetRangeVar())
		case n.GetRangeSubselect() != nil:
			others = true
			if a := n.GetRangeSubselect().Alias; a != nil {
				bind(a.Aliasname, nil)
			}
		case n.GetRangeFunction() != nil:
			others = true
			if a := n.GetRangeFunction().Alias; a != nil {
				bind(a.Aliasname, nil)
			}
		case n.GetRangeTableFunc() != nil:
			others = true
		}
		return true
	})
	var out []model.Use
	tables := map[model.Object]bool{}
	if target != nil {
		tables[targetObj] = true
		rels = append(rels, target)
	}
	for _, rv := range rels {
		if rv.Schemaname == "" && ctes[rv.Relname] {
			others = true
			bind(rv.Relname, nil)
			continue
		}
		o := rangeVarObject(rv, model.KindTable)
		if rv.Alias != nil && rv.Alias.Aliasname != "" {
			bind(rv.Alias.Aliasname, &o)
		} else {
			bind(rv.Relname, &o)
		}
		if !tables[o] {
			tables[o] = true
			if at, ok := c.loc(rv.Location); ok {
				out = append(out, model.Use{Object: o, Span: c.fileSpan(st.nameSpan(at))})
			}
		}
	}
	// The proposed row of ON CONFLICT DO UPDATE.
	binds["excluded"] = nil
	alone := len(tables) == 1 && !others
	if alone && target == nil {
		for t := range tables {
			targetObj = t // a query's one table owns its bare names
		}
	}
	col := func(table model.Object, name string, at int) {
		u := model.Use{Object: model.Object{Kind: model.KindColumn, Schema: table.Schema, Table: table.Name, Name: name}}
		u.Span = c.fileSpan(st.nameSpan(at))
		out = append(out, u)
	}
	if !alone {
		// A bare name in a SELECT that reads one table is that table's,
		// the WITH queries first, as the server reads them.
		st.selectUses(sels, ctes, stars, col)
	}
	for _, part := range parts {
		for _, n := range part.nodes {
			rt := n.GetResTarget()
			if part.names {
				// The columns an INSERT lists and an UPDATE sets are the
				// target's.
				if rt != nil && rt.Name != "" {
					if at, ok := c.loc(rt.Location); ok {
						col(targetObj, rt.Name, at)
					}
				}
				continue
			}
			pgparse.Walk(n, func(n *pg.Node) bool {
				cr := n.GetColumnRef()
				if cr == nil {
					return true
				}
				at, ok := c.loc(cr.Location)
				names := strs(cr.Fields)
				if ok && stars && len(names) == len(cr.Fields)-1 && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
					names = append(names, "*")
				}
				if !ok || len(names) != len(cr.Fields) {
					return true // a star
				}
				switch len(names) {
				case 1:
					if alone {
						col(targetObj, names[0], at)
					}
				case 2:
					if t := binds[names[0]]; t != nil {
						col(*t, names[1], at)
					}
				}
				return true
			})
		}
	}
	return out
}

// selectUses gives each SELECT of sels whose one FROM item is a table
// that table's bare columns at the SELECT's own level (a nested SELECT has
// its scope, and is looked at on its own), and with stars a bare * as the
// column "*".
func (st *stmt) selectUses(sels []*pg.SelectStmt, ctes map[string]bool, stars bool, col func(model.Object, string, int)) {
	for _, sel := range sels {
		rv := sel.FromClause[0].GetRangeVar()
		if rv == nil || (rv.Schemaname == "" && ctes[rv.Relname]) {
			continue
		}
		table := rangeVarObject(rv, model.KindTable)
		var own []*pg.Node
		own = append(own, sel.TargetList...)
		own = append(own, sel.WhereClause, sel.HavingClause)
		own = append(own, sel.GroupClause...)
		// Bare names under a nested SELECT belong to its scope.
		nested := map[*pg.ColumnRef]bool{}
		bare := []*pg.ColumnRef{}
		for _, n := range own {
			pgparse.Walk(n, func(x *pg.Node) bool {
				if sub := x.GetSubLink(); sub != nil {
					pgparse.Walk(sub.Subselect, func(y *pg.Node) bool {
						if cr := y.GetColumnRef(); cr != nil {
							nested[cr] = true
						}
						return true
					})
				}
				if cr := x.GetColumnRef(); cr != nil && len(cr.Fields) == 1 && (cr.Fields[0].GetString_() != nil || stars && cr.Fields[0].GetAStar() != nil) {
					bare = append(bare, cr)
				}
				return true
			})
		}
		for _, cr := range bare {
			if nested[cr] {
				continue
			}
			name := "*"
			if sv := cr.Fields[0].GetString_(); sv != nil {
				name = sv.Sval
			}
			if at, ok := st.c.loc(cr.Location); ok {
				col(table, name, at)
			}
		}
	}
}

// usePart is a part of a data statement: its nodes, or, with names, the
// target's columns its ResTargets name.
type usePart struct {
	nodes []*pg.Node
	names bool
}

// nameSpan is the dotted name starting at text offset at.
func (st *stmt) nameSpan(at int) model.Span {
	c := st.c
	i := c.tokContaining(at)
	j := i + 1
	for j+1 < len(c.toks) && c.toks[j].Kind == lex.Dot && c.toks[j].Start == c.toks[j-1].End {
		j += 2
	}
	return c.tokSpan(i, j)
}
