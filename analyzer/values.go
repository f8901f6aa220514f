package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
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
		id, ok := ast.Unparen(e).(*ast.Ident)
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
			switch x := ast.Unparen(e).(type) {
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
					if _, ok := ast.Unparen(lhs).(*ast.Ident); !ok {
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
	id, ok := ast.Unparen(e).(*ast.Ident)
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
	e = ast.Unparen(e)
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
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.CompositeLit); ok {
		return lit
	}
	w, ok := a.only(e)
	if !ok || w.value == nil {
		return nil
	}
	lit, _ := ast.Unparen(w.value).(*ast.CompositeLit)
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

// indexDerived records the variables whose values come from the
// database: assigned from a call on a connection or transaction, scanned
// into, filled in a loop over rows, or computed from such a variable.
func (a *pkgState) indexDerived() {
	a.derived = map[*types.Var]bool{}
	changed := false
	mark := func(e ast.Expr) {
		if v := a.rootVar(e); v != nil && !a.derived[v] {
			a.derived[v] = true
			changed = true
		}
	}
	// loops are the bodies of loops over database results.
	loops := map[*ast.BlockStmt]bool{}
	visit := func(n ast.Node, inLoop bool) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if inLoop || a.readsDB(n.Rhs) || a.readsDerived(n.Rhs...) {
				for _, l := range n.Lhs {
					mark(l)
				}
			}
		case *ast.ValueSpec:
			if a.readsDB(n.Values) || a.readsDerived(n.Values...) {
				for _, name := range n.Names {
					mark(name)
				}
			}
		case *ast.IncDecStmt:
			if inLoop {
				mark(n.X)
			}
		case *ast.CallExpr:
			// Scan(&x), db.Get(&x, ...), db.QueryRow(...).Scan(&x).
			if a.dbCall(n) || isScan(n) {
				for _, arg := range n.Args {
					if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
						mark(u.X)
					}
				}
			}
		case *ast.ForStmt:
			if n.Cond != nil && (a.readsDerived(n.Cond) || a.readsDB([]ast.Expr{n.Cond})) {
				loops[n.Body] = true
			}
		case *ast.RangeStmt:
			if a.readsDerived(n.X) || a.readsDB([]ast.Expr{n.X}) {
				loops[n.Body] = true
				if n.Key != nil {
					mark(n.Key)
				}
				if n.Value != nil {
					mark(n.Value)
				}
			}
		}
	}
	// Derivation runs through assignments in any order: repeat until
	// nothing new is learnt.
	for pass := 0; pass < 8; pass++ {
		changed = false
		for _, f := range a.pass.Files {
			var walk func(n ast.Node, inLoop bool)
			walk = func(n ast.Node, inLoop bool) {
				ast.Inspect(n, func(m ast.Node) bool {
					if m == nil {
						return false
					}
					if b, ok := m.(*ast.BlockStmt); ok && m != n && loops[b] && !inLoop {
						walk(b, true)
						return false
					}
					visit(m, inLoop)
					return true
				})
			}
			walk(f, false)
		}
		if !changed {
			break
		}
	}
}

// rootVar is the variable an expression like x, &x, x[i] or x.f names.
func (a *pkgState) rootVar(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			v, ok := a.info.Uses[x.Sel].(*types.Var)
			if !ok || !v.IsField() {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			if v, ok := a.info.Defs[x].(*types.Var); ok {
				return v
			}
			v, _ := a.info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// readsDerived reports whether the expressions read a variable that came
// from the database.
func (a *pkgState) readsDerived(es ...ast.Expr) bool {
	found := false
	for _, e := range es {
		if e == nil {
			continue
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := a.info.Uses[id].(*types.Var); ok && a.derived[v] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// checksDB reports whether a condition tests something read from the
// database: a derived variable other than an error, or an error against
// sql.ErrNoRows / pgx.ErrNoRows (a row that is not there yet).
func (a *pkgState) checksDB(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return !found
		}
		switch obj := a.info.Uses[id].(type) {
		case *types.Var:
			if a.derived[obj] && !isError(obj.Type()) {
				found = true
			}
			if obj.Name() == "ErrNoRows" && obj.Pkg() != nil && obj.Pkg() != a.pass.Pkg {
				found = true
			}
		}
		return !found
	})
	return found
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
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
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && a.isDBHandle(a.info.TypeOf(sel.X)) {
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
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Scan"
}

// goGuarded reports whether Go code around the call checks the database
// before it runs: the call is in the body (or else) of an if whose
// condition tests a value read from the database, or an earlier if in an
// enclosing block leaves (return, continue, break) on such a test.
func (a *pkgState) goGuarded(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.IfStmt:
			if child := stack[i+1]; child == n.Body || child == n.Else {
				if a.checksDB(n.Cond) {
					return true
				}
			}
		case *ast.BlockStmt:
			if a.earlyExit(n.List, stack[i+1]) {
				return true
			}
		case *ast.CaseClause:
			if a.earlyExit(n.Body, stack[i+1]) {
				return true
			}
		}
	}
	return false
}

// earlyExit reports whether a statement before child in list is an if
// that tests the database and leaves the block.
func (a *pkgState) earlyExit(list []ast.Stmt, child ast.Node) bool {
	for _, st := range list {
		if st == child {
			return false
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok || len(ifs.Body.List) == 0 || !a.checksDB(ifs.Cond) {
			continue
		}
		switch last := ifs.Body.List[len(ifs.Body.List)-1].(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			if last.Tok == token.CONTINUE || last.Tok == token.BREAK || last.Tok == token.GOTO {
				return true
			}
		}
	}
	return false
}
