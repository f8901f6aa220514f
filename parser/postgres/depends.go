package postgres

import (
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// The objects a created object depends on, as PostgreSQL records them in
// pg_depend: a later DROP of one of them without CASCADE fails with
// 2BP01 while the dependent is there. They are recorded only once the file
// has something they can block (a DROP, a column's DROP or type change),
// or from the start in a file that says CASCADE, whose DROP further on
// takes the dependents along; otherwise nothing asks: walking a view's
// query is not free.

// dependsOn records the relations a view's query reads on the statement's
// create effect, the columns it reads where their table is certain, and
// the functions the file made that it calls. Names a WITH query makes up
// are not relations.
func (st *stmt) dependsOn(q *pg.Node) {
	e := st.dependent()
	if e == nil || q == nil {
		return
	}
	ctes := map[string]bool{}
	var rels []*pg.RangeVar
	var calls []*pg.FuncCall
	pgparse.Walk(q, func(n *pg.Node) bool {
		if cte := n.GetCommonTableExpr(); cte != nil {
			ctes[cte.Ctename] = true
		}
		if rv := n.GetRangeVar(); rv != nil {
			rels = append(rels, rv)
		}
		if fc := n.GetFuncCall(); fc != nil && len(st.c.file.funcs) > 0 {
			calls = append(calls, fc)
		}
		return true
	})
	seen := map[model.Object]bool{}
	for _, rv := range rels {
		if rv.Schemaname == "" && ctes[rv.Relname] {
			continue
		}
		if o := rangeVarObject(rv, model.KindRelation); !seen[o] {
			seen[o] = true
			e.DependsOn = append(e.DependsOn, o)
		}
	}
	for _, fc := range calls {
		if o, ok := st.c.file.calledFunction(fc); ok && !seen[o] {
			seen[o] = true
			e.DependsOn = append(e.DependsOn, o)
		}
	}
	for _, o := range st.viewColumns(q) {
		if !seen[o] {
			seen[o] = true
			e.DependsOn = append(e.DependsOn, o)
		}
	}
}

// dependent is the statement's last effect when the file has something
// it can block before it, or a CASCADE anywhere, nil otherwise.
func (st *stmt) dependent() *model.Effect {
	if len(st.Effects) == 0 || !st.c.file.recordDeps {
		return nil
	}
	return st.Effects[len(st.Effects)-1]
}

// tableDepends records what a CREATE TABLE depends on: the tables its
// foreign keys reference, its columns' types, the sequences their defaults
// draw from, the tables it inherits from and the type it is made of. A
// table inherits as a relation, since a DROP ... CASCADE of its parent
// drops it too; a partition is not a dependent at all, since a DROP of its
// table drops it without CASCADE.
func (st *stmt) tableDepends(x *pg.CreateStmt) {
	e := st.dependent()
	if e == nil {
		return
	}
	if x.Partbound == nil {
		for _, n := range x.InhRelations {
			if rv := n.GetRangeVar(); rv != nil {
				e.DependsOn = append(e.DependsOn, rangeVarObject(rv, model.KindRelation))
			}
		}
	}
	if o, ok := typeObject(x.OfTypename); ok {
		e.DependsOn = append(e.DependsOn, o)
	}
	for _, n := range x.TableElts {
		if cd := n.GetColumnDef(); cd != nil {
			e.DependsOn = append(e.DependsOn, columnDepends(cd)...)
		}
		e.DependsOn = append(e.DependsOn, constraintDepends(n.GetConstraint())...)
	}
	for _, n := range x.Constraints {
		e.DependsOn = append(e.DependsOn, constraintDepends(n.GetConstraint())...)
	}
}

// columnDepends is what one column definition depends on.
func columnDepends(cd *pg.ColumnDef) []model.Object {
	var out []model.Object
	if o, ok := typeObject(cd.TypeName); ok {
		out = append(out, o)
	}
	for _, n := range cd.Constraints {
		con := n.GetConstraint()
		out = append(out, constraintDepends(con)...)
		if con != nil && con.Contype == pg.ConstrType_CONSTR_DEFAULT {
			if seq, ok := nextvalSequence(con.RawExpr); ok {
				out = append(out, seq)
			}
		}
	}
	return out
}

// typeObject is the type a type name names, unless it is a built-in one.
func typeObject(tn *pg.TypeName) (model.Object, bool) {
	if tn == nil {
		return model.Object{}, false
	}
	names := strs(tn.Names)
	if len(names) != len(tn.Names) || len(names) == 0 || len(names) > 2 || names[0] == "pg_catalog" {
		return model.Object{}, false
	}
	schema, _, name := qualified(names)
	return model.Object{Kind: model.KindType, Schema: schema, Name: name}, true
}

// constraintDepends is the table a foreign key references.
func constraintDepends(con *pg.Constraint) []model.Object {
	if con == nil || con.Contype != pg.ConstrType_CONSTR_FOREIGN || con.Pktable == nil {
		return nil
	}
	return []model.Object{rangeVarObject(con.Pktable, model.KindTable)}
}

// nextvalSequence reads the sequence of a DEFAULT nextval('name'), the
// name as regclass reads it: unquoted parts fold to lower case.
func nextvalSequence(n *pg.Node) (model.Object, bool) {
	fc := n.GetFuncCall()
	if fc == nil || len(fc.Args) != 1 {
		return model.Object{}, false
	}
	if fn := strs(fc.Funcname); len(fn) == 0 || fn[len(fn)-1] != "nextval" {
		return model.Object{}, false
	}
	arg := fc.Args[0]
	if tc := arg.GetTypeCast(); tc != nil {
		arg = tc.Arg
	}
	ac := arg.GetAConst()
	if ac == nil || ac.GetSval() == nil {
		return model.Object{}, false
	}
	var parts []string
	for _, p := range strings.Split(ac.GetSval().Sval, ".") {
		if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' {
			p = p[1 : len(p)-1]
		} else {
			p = strings.ToLower(p)
		}
		if p == "" || strings.Contains(p, `"`) {
			return model.Object{}, false
		}
		parts = append(parts, p)
	}
	if len(parts) > 2 {
		return model.Object{}, false
	}
	schema, _, name := qualified(parts)
	return model.Object{Kind: model.KindSequence, Schema: schema, Name: name}, true
}

// saysCascade reports whether the text has the keyword CASCADE outside
// strings and comments.
func saysCascade(src []byte, toks []lex.Token) bool {
	for _, t := range toks {
		if lex.Is(src, t, "cascade") {
			return true
		}
	}
	return false
}

// madeFuncs are the functions of one name the file creates, for the
// calls a view makes to them.
type madeFuncs struct {
	// loose: one of them has a default or VARIADIC parameter, so a call
	// may name fewer or more arguments than it takes.
	loose bool
	// byArity holds, by schema as written and number of arguments, up to
	// two of them: one is what a call resolves to, two are a doubt.
	byArity map[arity][]model.Object
}

type arity struct {
	schema string
	n      int
}

// madeFunction records a function the file creates.
func (f *fileState) madeFunction(obj model.Object, params []*pg.Node) {
	if f.funcs == nil {
		f.funcs = map[string]*madeFuncs{}
	}
	m := f.funcs[obj.Name]
	if m == nil {
		m = &madeFuncs{byArity: map[arity][]model.Object{}}
		f.funcs[obj.Name] = m
	}
	n := 0
	for _, node := range params {
		p := node.GetFunctionParameter()
		if p == nil {
			m.loose = true
			continue
		}
		switch p.Mode {
		case pg.FunctionParameterMode_FUNC_PARAM_OUT, pg.FunctionParameterMode_FUNC_PARAM_TABLE:
			continue
		case pg.FunctionParameterMode_FUNC_PARAM_VARIADIC:
			m.loose = true
		}
		if p.Defexpr != nil {
			m.loose = true
		}
		n++
	}
	k := arity{schema: obj.Schema, n: n}
	if objs := m.byArity[k]; len(objs) < 2 && !slices.Contains(objs, obj) {
		m.byArity[k] = append(objs, obj)
	}
}

// calledFunction is the function the file made that a call resolves to:
// the only one of its name, as qualified, that takes that many arguments,
// when no function of that name takes defaults or VARIADIC. A function
// made before the file, or one with the same name in another schema, may
// be what the call means instead: then there is none.
func (f *fileState) calledFunction(fc *pg.FuncCall) (model.Object, bool) {
	if fc.AggStar || fc.FuncVariadic {
		return model.Object{}, false
	}
	names := strs(fc.Funcname)
	if len(names) != len(fc.Funcname) || len(names) == 0 || len(names) > 2 {
		return model.Object{}, false
	}
	schema, _, name := qualified(names)
	for _, a := range fc.Args {
		if a.GetNamedArgExpr() != nil {
			return model.Object{}, false
		}
	}
	m := f.funcs[name]
	if m == nil || m.loose {
		return model.Object{}, false
	}
	if objs := m.byArity[arity{schema: schema, n: len(fc.Args)}]; len(objs) == 1 {
		return objs[0], true
	}
	return model.Object{}, false
}
