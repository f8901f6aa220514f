package analyzer

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/tools/go/types/typeutil"
)

// role is the part a function plays in a migration.
type role uint8

const (
	roleNone role = iota
	roleUp
	roleDown
)

// registration is what a migration library was told about a function.
type registration struct {
	role role
	// goose is set when goose registered it (for messages).
	goose bool
}

// goosePkg matches goose's import paths, and forks that keep its name.
var goosePkg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|/)goose(/v[0-9]+)?$`) })

// migrationPkg matches the packages of Go migration libraries that
// describe a migration as a struct with up and down functions
// (gormigrate's Migrate/Rollback).
var migrationPkg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`migrat`) })

// findRegistrations walks the package for goose registrations
// (AddMigration, AddMigrationContext, AddMigrationNoTx,
// AddMigrationNoTxContext, the AddNamedMigration variants, Register*,
// NewGoMigration with GoFunc values) and migration struct literals, and
// records the role of each function they name: the first function is
// up, the second down.
func (a *pkgState) findRegistrations() {
	for _, f := range a.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				a.registrationCall(n)
			case *ast.CompositeLit:
				a.migrationLiteral(n)
			}
			return true
		})
	}
}

func (a *pkgState) registrationCall(call *ast.CallExpr) {
	fn, _ := typeutil.Callee(a.info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return
	}
	sig := fn.Type().(*types.Signature)
	name := fn.Name()
	if sig.Recv() != nil && (name == "Register" || name == "MustRegister") && migrationPkg().MatchString(fn.Pkg().Path()) {
		// bun's migrations.MustRegister(up, down) and the like.
		a.registerSlots(call, false)
		return
	}
	if sig.Recv() != nil {
		// gorm's db.Transaction(func(tx *gorm.DB) error {...}) runs the
		// closure in a transaction.
		if name == "Transaction" {
			if k, _, ok := lookupExecType(sig.Recv().Type()); ok && k == recvUnknown {
				for _, arg := range call.Args {
					if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
						a.txClosures[lit] = true
					}
				}
			}
		}
		return
	}
	if !goosePkg().MatchString(fn.Pkg().Path()) || !strings.Contains(name, "Migration") ||
		!strings.HasPrefix(name, "Add") && !strings.HasPrefix(name, "Register") && !strings.HasPrefix(name, "New") {
		return
	}
	a.registerSlots(call, true)
}

// registerSlots gives the function arguments of a registration their
// roles: the first is up, the second down.
func (a *pkgState) registerSlots(call *ast.CallExpr, goose bool) {
	var slots []ast.Node
	for _, arg := range call.Args {
		node, isSlot := a.funcSlot(arg)
		if isSlot {
			slots = append(slots, node)
		}
	}
	for i, node := range slots {
		if node == nil || i > 1 {
			continue
		}
		r := roleUp
		if i == 1 {
			r = roleDown
		}
		a.roles[node] = registration{role: r, goose: goose}
	}
}

// funcSlot reports whether arg is a function argument of a registration
// (a func value, or a goose GoFunc) and the function it names, if known.
func (a *pkgState) funcSlot(arg ast.Expr) (ast.Node, bool) {
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
		if _, isNil := a.info.Uses[id].(*types.Nil); isNil {
			return nil, true // AddMigration(nil, down): no up, but a slot
		}
	}
	t := a.info.TypeOf(arg)
	if t == nil {
		return nil, false
	}
	if _, ok := t.Underlying().(*types.Signature); ok {
		return a.funcNode(arg), true
	}
	st := t
	if p, ok := st.Underlying().(*types.Pointer); ok {
		st = p.Elem()
	}
	s, ok := st.Underlying().(*types.Struct)
	if !ok || !hasFuncField(s) {
		return nil, false
	}
	e := ast.Unparen(arg)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, true
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if vt := a.info.TypeOf(kv.Value); vt != nil {
			if _, ok := vt.Underlying().(*types.Signature); ok {
				if n := a.funcNode(kv.Value); n != nil {
					return n, true
				}
			}
		}
	}
	return nil, true
}

func hasFuncField(s *types.Struct) bool {
	for i := 0; i < s.NumFields(); i++ {
		if _, ok := s.Field(i).Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// migrationLiteral reads a migration struct literal such as gormigrate's
// Migration{ID: ..., Migrate: up, Rollback: down}.
func (a *pkgState) migrationLiteral(lit *ast.CompositeLit) {
	t := a.info.TypeOf(lit)
	if t == nil {
		return
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg() == a.pass.Pkg || !migrationPkg().MatchString(n.Obj().Pkg().Path()) {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		var r role
		switch key.Name {
		case "Migrate", "Up", "UpFn", "UpFunc":
			r = roleUp
		case "Rollback", "Down", "DownFn", "DownFunc":
			r = roleDown
		default:
			continue
		}
		if node := a.funcNode(kv.Value); node != nil {
			a.roles[node] = registration{role: r}
		}
	}
}

// propagateRoles hands a migration's role down to the package's functions
// it calls (upUsers calling createUsersTable), transitively; a function
// called from both an up and a down migration gets no role.
func (a *pkgState) propagateRoles() {
	mixed := registration{role: 255}
	given := map[ast.Node]registration{}
	var queue []ast.Node
	for n, r := range a.roles {
		queue = append(queue, n)
		given[n] = r
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		r := given[n]
		ast.Inspect(n, func(m ast.Node) bool {
			call, ok := m.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, _ := typeutil.Callee(a.info, call).(*types.Func)
			d := a.funcDecls[fn]
			if d == nil {
				return true
			}
			if _, registered := a.roles[d]; registered {
				return true
			}
			old, seen := given[d]
			switch {
			case !seen:
				given[d] = r
				queue = append(queue, d)
			case old != r && old != mixed:
				given[d] = mixed
				queue = append(queue, d)
			}
			return true
		})
	}
	for n, r := range given {
		if _, registered := a.roles[n]; registered || r == mixed {
			continue
		}
		a.roles[n] = r
	}
}

// funcNode finds the function literal or declaration a func value names.
func (a *pkgState) funcNode(e ast.Expr) ast.Node {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.FuncLit:
		return e
	case *ast.Ident:
		if fn, ok := a.info.Uses[e].(*types.Func); ok {
			if d := a.funcDecls[fn]; d != nil {
				return d
			}
		}
	case *ast.SelectorExpr:
		if fn, ok := a.info.Uses[e.Sel].(*types.Func); ok {
			if d := a.funcDecls[fn]; d != nil {
				return d
			}
		}
	}
	return nil
}

// execContext is what the code around a call says about how its SQL runs.
type execContext struct {
	role  role
	goose bool
	inTx  bool
	// txWhy names what opened the transaction, for messages.
	txWhy string
	// goGuard is set when Go code around the call checks the database
	// before running it.
	goGuard bool
}

// contextOf reads the enclosing functions of a call (innermost first in
// stack order reversed).
func (a *pkgState) contextOf(ec *execCall, stack []ast.Node) execContext {
	var c execContext
	roleSet := false
	txParam := ""
	closure := false
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			ft = n.Type
			closure = closure || a.txClosures[n]
		case *ast.FuncDecl:
			ft = n.Type
		default:
			continue
		}
		if r, ok := a.roles[stack[i]]; ok && !roleSet {
			c.role, c.goose, roleSet = r.role, r.goose, true
		}
		if txParam == "" {
			txParam = a.txParam(ft)
		}
	}
	switch ec.kind {
	case recvTx:
		c.inTx, c.txWhy = true, "Exec on a "+ec.label
	case recvUnknown:
		switch {
		case closure:
			c.inTx, c.txWhy = true, "gorm's Transaction"
		case a.begunTx(ec):
			c.inTx, c.txWhy = true, "gorm's Begin"
		case txParam != "":
			c.inTx, c.txWhy = true, "a function taking "+txParam
		}
	}
	if c.inTx && c.goose {
		c.txWhy = "goose"
	}
	c.goGuard = a.goGuarded(stack)
	return c
}

// txParam names the transaction type among a function's parameters.
func (a *pkgState) txParam(ft *ast.FuncType) string {
	if ft == nil || ft.Params == nil {
		return ""
	}
	for _, f := range ft.Params.List {
		if label, ok := txType(a.info.TypeOf(f.Type)); ok {
			return label
		}
	}
	return ""
}

// begunTx reports whether a gorm call runs on the transaction gorm's
// Begin returned: db.Begin().Exec(...), or tx.Exec(...) on a variable
// written once with tx := db.Begin(). gorm's *DB is a pool or a
// transaction alike, so its type cannot tell.
func (a *pkgState) begunTx(ec *execCall) bool {
	sel, ok := ast.Unparen(ec.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if fn, _ := typeutil.Callee(a.info, ec.call).(*types.Func); fn == nil || !execMethods[fn.Name()] {
		return false // a wrapper's call: its receiver is not the Exec's
	}
	x := ast.Unparen(sel.X)
	if w, ok := a.only(x); ok && w.value != nil {
		x = ast.Unparen(w.value)
	}
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(a.info, call).(*types.Func)
	if fn == nil || fn.Name() != "Begin" {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	k, _, ok := lookupExecType(recv.Type())
	return ok && k == recvUnknown
}
