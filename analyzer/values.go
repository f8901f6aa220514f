package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Beyond constants, the analyzer follows a variable to its value when the
// package writes it exactly once (q := "CREATE ..."; tx.Exec(q)), and the
// value variable of a range over a literal list of constants (for _, q :=
// range []string{...} { tx.Exec(q) }), including a field of a literal list
// of structs. Such a variable holds constant SQL as surely as a constant
// does; a variable written twice, appended to, or whose address is taken
// is not followed.

// write is one assignment to a variable: its value, or the range statement
// that assigns it, or neither when the value cannot be known.
type write struct {
	value ast.Expr
	rng   *ast.RangeStmt
}

// indexWrites records every write to every variable of the package.
func (a *pkgState) indexWrites() {
	a.writes = map[*types.Var][]write{}
	obj := func(e ast.Expr) *types.Var {
		id, ok := astutil.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		if v, ok := a.info.Defs[id].(*types.Var); ok {
			return v
		}
		v, _ := a.info.Uses[id].(*types.Var)
		return v
	}
	// root finds the variable an lvalue like x[i] or x.f writes into.
	root := func(e ast.Expr) *types.Var {
		for {
			switch x := astutil.Unparen(e).(type) {
			case *ast.IndexExpr:
				e = x.X
			case *ast.SelectorExpr:
				e = x.X
			case *ast.StarExpr:
				e = x.X
			default:
				return obj(e)
			}
		}
	}
	add := func(v *types.Var, w write) {
		if v != nil {
			a.writes[v] = append(a.writes[v], w)
		}
	}
	for _, f := range a.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if _, ok := astutil.Unparen(lhs).(*ast.Ident); !ok {
						add(root(lhs), write{})
						continue
					}
					w := write{}
					if (n.Tok == token.DEFINE || n.Tok == token.ASSIGN) && len(n.Lhs) == len(n.Rhs) {
						w.value = n.Rhs[i]
					}
					add(obj(lhs), w)
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					w := write{}
					if len(n.Values) == len(n.Names) {
						w.value = n.Values[i]
					}
					add(obj(name), w)
				}
			case *ast.IncDecStmt:
				add(root(n.X), write{})
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					add(root(n.X), write{})
				}
			case *ast.RangeStmt:
				if n.Key != nil {
					add(obj(n.Key), write{})
				}
				if n.Value != nil {
					add(obj(n.Value), write{rng: n})
				}
			}
			return true
		})
	}
}

// only returns the single write to the variable e names, if there is one.
func (a *pkgState) only(e ast.Expr) (write, bool) {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return write{}, false
	}
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok {
		return write{}, false
	}
	ws := a.writes[v]
	if len(ws) != 1 {
		return write{}, false
	}
	return ws[0], true
}

// queries returns the SQL a query argument holds: its constant value, the
// value of a variable written once, or each value of a range over a
// literal list; nothing when it is none of these.
func (a *pkgState) queries(e ast.Expr) []*sqlText {
	if t := a.constSQL(e); t != nil {
		return []*sqlText{t}
	}
	e = astutil.Unparen(e)
	field := ""
	if sel, ok := e.(*ast.SelectorExpr); ok {
		// q.SQL where q ranges over a literal list of structs.
		if _, isVar := a.info.Uses[sel.Sel].(*types.Var); !isVar {
			return nil
		}
		e, field = sel.X, sel.Sel.Name
	}
	w, ok := a.only(e)
	if !ok {
		return nil
	}
	if w.value != nil {
		if field != "" {
			return nil
		}
		if t := a.constSQL(w.value); t != nil {
			return []*sqlText{t}
		}
		return nil
	}
	if w.rng == nil {
		return nil
	}
	lit := a.literalList(w.rng.X)
	if lit == nil {
		return nil
	}
	var out []*sqlText
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if field != "" {
			el = a.fieldValue(el, field)
			if el == nil {
				continue
			}
		}
		if t := a.constSQL(el); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// literalList finds the slice, array or map literal a range runs over:
// written in place, or held by a variable written once.
func (a *pkgState) literalList(e ast.Expr) *ast.CompositeLit {
	e = astutil.Unparen(e)
	if lit, ok := e.(*ast.CompositeLit); ok {
		return lit
	}
	w, ok := a.only(e)
	if !ok || w.value == nil {
		return nil
	}
	lit, _ := astutil.Unparen(w.value).(*ast.CompositeLit)
	return lit
}

// fieldValue returns a struct literal's value for a field.
func (a *pkgState) fieldValue(e ast.Expr, field string) ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	t := a.info.TypeOf(lit)
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
			continue
		}
		if i < st.NumFields() && st.Field(i).Name() == field {
			return el
		}
	}
	return nil
}

// A migration written in Go often guards a statement in Go: it reads the
// catalog or the table first and runs the statement only when needed
// (if !exists { tx.Exec("ALTER TABLE ... ADD COLUMN ...") }). The SQL then
// carries no guard of its own and the re-run rules would be wrong about
// it. A call inside the body of an if whose condition reads a variable
// that came from the database (assigned from a call on a connection or
// transaction, or scanned into) is taken as guarded that way: the re-run
// rules stay quiet about its SQL; the others still speak.

// indexDerived records the variables whose values come from the database.
func (a *pkgState) indexDerived() {
	a.derived = map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		e = astutil.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = astutil.Unparen(u.X)
		}
		if id, ok := e.(*ast.Ident); ok {
			if v, ok := a.info.Defs[id].(*types.Var); ok {
				a.derived[v] = true
			} else if v, ok := a.info.Uses[id].(*types.Var); ok {
				a.derived[v] = true
			}
		}
	}
	for _, f := range a.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if a.readsDB(n.Rhs) {
					for _, l := range n.Lhs {
						mark(l)
					}
				}
			case *ast.ValueSpec:
				if a.readsDB(n.Values) {
					for _, name := range n.Names {
						mark(name)
					}
				}
			case *ast.CallExpr:
				// Scan(&x), db.Get(&x, ...), db.QueryRow(...).Scan(&x).
				if a.dbCall(n) || isScan(n) {
					for _, arg := range n.Args {
						if u, ok := astutil.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
							mark(u)
						}
					}
				}
			}
			return true
		})
	}
}

// readsDB reports whether the expressions call something on a database
// handle, or a function that takes one.
func (a *pkgState) readsDB(es []ast.Expr) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && a.dbCall(call) {
				found = true
			}
			return !found
		})
	}
	return found
}

// dbCall reports whether a call's receiver or one of its arguments is a
// database handle.
func (a *pkgState) dbCall(call *ast.CallExpr) bool {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && a.isDBHandle(a.info.TypeOf(sel.X)) {
		return true
	}
	for _, arg := range call.Args {
		if a.isDBHandle(a.info.TypeOf(arg)) {
			return true
		}
	}
	return false
}

func (a *pkgState) isDBHandle(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, _, ok := lookupExecType(t); ok {
		return true
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := 0; i < iface.NumMethods(); i++ {
		switch iface.Method(i).Name() {
		case "Exec", "ExecContext", "Query", "QueryContext", "QueryRow", "QueryRowContext":
			return true
		}
	}
	return false
}

func isScan(call *ast.CallExpr) bool {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Scan"
}

// goGuarded reports whether the call sits in the body of an if (or its
// else) whose condition reads a value from the database.
func (a *pkgState) goGuarded(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok {
			continue
		}
		if child := stack[i+1]; child != ifs.Body && child != ifs.Else {
			continue
		}
		reads := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := a.info.Uses[id].(*types.Var); ok && a.derived[v] {
					reads = true
				}
			}
			return !reads
		})
		if reads {
			return true
		}
	}
	return false
}
