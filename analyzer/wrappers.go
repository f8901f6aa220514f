package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Migration code often runs its SQL through a small helper of its own:
//
//	func exec(tx *sql.Tx, q string) error { _, err := tx.Exec(q); return err }
//	func execAll(ctx context.Context, tx *sql.Tx, stmts ...string) error {
//		for _, s := range stmts { ... tx.ExecContext(ctx, s) ... }
//	}
//
// When an Exec's query is a parameter of the function around it, or the
// range variable over one, that function is a wrapper: the SQL is what its
// callers in the package pass, and each call is linted as if it were the
// Exec, in the caller's context. One level is followed.

// wrapper describes a function that hands a parameter to an Exec.
type wrapper struct {
	inner *execCall
	// param is the index of the SQL parameter; ranged is set when the Exec
	// runs each element of it.
	param  int
	ranged bool
	// recvParam is the index of the parameter the Exec is called on, or -1.
	recvParam int
}

// findWrappers records the package's wrapper functions.
func (a *pkgState) findWrappers(insp *inspector.Inspector) {
	a.wrappers = map[*types.Func]*wrapper{}
	insp.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		ec := classify(a.info, n.(*ast.CallExpr))
		if ec == nil || a.constSQL(ec.query) != nil {
			return true
		}
		var fd *ast.FuncDecl
		for i := len(stack) - 1; i >= 0 && fd == nil; i-- {
			switch f := stack[i].(type) {
			case *ast.FuncDecl:
				fd = f
			case *ast.FuncLit:
				return true // a closure's callers are not known
			}
		}
		if fd == nil {
			return true
		}
		fn, _ := a.info.Defs[fd.Name].(*types.Func)
		if fn == nil {
			return true
		}
		sig := fn.Type().(*types.Signature)
		w := &wrapper{inner: ec, param: -1, recvParam: -1}
		q := a.varOf(ec.query)
		if q == nil {
			return true
		}
		if ws := a.writes[q]; len(ws) == 1 && ws[0].rng != nil {
			q, w.ranged = a.varOf(ws[0].rng.X), true
		}
		w.param = paramIndex(sig, q)
		if w.param < 0 {
			return true
		}
		if sel, ok := ast.Unparen(ec.call.Fun).(*ast.SelectorExpr); ok {
			w.recvParam = paramIndex(sig, a.varOf(sel.X))
		}
		a.wrappers[fn] = w
		return true
	})
}

// varOf is the variable an identifier names.
func (a *pkgState) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := a.info.Uses[id].(*types.Var)
	return v
}

func paramIndex(sig *types.Signature, v *types.Var) int {
	if v == nil {
		return -1
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			return i
		}
	}
	return -1
}

// wrapperCall turns a call of a wrapper into the Exec it stands for and
// the SQL its arguments hold.
func (a *pkgState) wrapperCall(call *ast.CallExpr) (*execCall, []*sqlText) {
	fn, _ := typeutil.Callee(a.info, call).(*types.Func)
	w := a.wrappers[fn]
	if w == nil || w.param >= len(call.Args) {
		return nil, nil
	}
	sig := fn.Type().(*types.Signature)
	ec := *w.inner
	ec.call = call
	if w.recvParam >= 0 && w.recvParam < len(call.Args) {
		if k, label, ok := lookupExecType(a.info.TypeOf(call.Args[w.recvParam])); ok {
			ec.kind, ec.label = k, label
		}
	}
	var args []ast.Expr
	variadic := sig.Variadic() && w.param == sig.Params().Len()-1
	switch {
	case variadic && !call.Ellipsis.IsValid():
		args = call.Args[w.param:]
	case w.ranged:
		lit := a.literalList(call.Args[w.param])
		if lit == nil {
			return nil, nil
		}
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			args = append(args, el)
		}
	default:
		args = call.Args[w.param : w.param+1]
	}
	var out []*sqlText
	for _, arg := range args {
		out = append(out, a.queries(arg)...)
	}
	ec.query = call
	return &ec, out
}
