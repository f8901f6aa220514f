package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// recvKind says what a query method's receiver runs the SQL on.
type recvKind uint8

const (
	recvUnknown recvKind = iota // an interface, or gorm's *DB: decided by the context
	recvConn                    // a pool or connection: outside any transaction
	recvTx                      // a transaction
)

// execTypes are the receiver types whose Exec-like methods take SQL,
// by package path and type name. Methods promoted through embedding
// (sqlx.DB embeds *sql.DB) resolve to the embedded type's method, so
// they need no entry of their own.
var execTypes = map[string]recvKind{
	"database/sql.DB":   recvConn,
	"database/sql.Conn": recvConn,
	"database/sql.Tx":   recvTx,

	"github.com/jackc/pgx.Conn":             recvConn,
	"github.com/jackc/pgx.ConnPool":         recvConn,
	"github.com/jackc/pgx.Tx":               recvTx,
	"github.com/jackc/pgx/v4.Conn":          recvConn,
	"github.com/jackc/pgx/v4.Tx":            recvTx,
	"github.com/jackc/pgx/v4/pgxpool.Pool":  recvConn,
	"github.com/jackc/pgx/v4/pgxpool.Conn":  recvConn,
	"github.com/jackc/pgx/v5.Conn":          recvConn,
	"github.com/jackc/pgx/v5.Tx":            recvTx,
	"github.com/jackc/pgx/v5/pgxpool.Pool":  recvConn,
	"github.com/jackc/pgx/v5/pgxpool.Conn":  recvConn,
	"github.com/jackc/pgx/v5/pgxpool.Tx":    recvTx,
	"github.com/jackc/pgconn.PgConn":        recvConn,
	"github.com/jackc/pgx/v5/pgconn.PgConn": recvConn,

	"github.com/jmoiron/sqlx.DB":   recvConn,
	"github.com/jmoiron/sqlx.Conn": recvConn,
	"github.com/jmoiron/sqlx.Tx":   recvTx,

	"github.com/uptrace/bun.DB":   recvConn,
	"github.com/uptrace/bun.Conn": recvConn,
	"github.com/uptrace/bun.Tx":   recvTx,

	"gorm.io/gorm.DB":           recvUnknown,
	"github.com/jinzhu/gorm.DB": recvUnknown,
}

// execMethods are the method names that run a statement and return no rows.
var execMethods = map[string]bool{"Exec": true, "ExecContext": true, "MustExec": true, "MustExecContext": true}

// sqlxFuncs are sqlx's package functions that run SQL on an Execer.
var sqlxFuncs = map[string]bool{"MustExec": true, "MustExecContext": true}

// execCall is a call that runs SQL.
type execCall struct {
	call  *ast.CallExpr
	query ast.Expr // the SQL argument
	kind  recvKind
	// label names the receiver type for messages, e.g. "*sql.Tx".
	label string
	// args is true when bind arguments follow the query.
	args bool
}

// classify recognises a call that runs SQL and returns its query argument.
func classify(info *types.Info, call *ast.CallExpr) *execCall {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || !execMethods[fn.Name()] {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	qi := queryParam(sig)
	if qi < 0 || qi >= len(call.Args) {
		return nil
	}
	ec := &execCall{call: call, query: call.Args[qi], args: len(call.Args) > qi+1}
	if call.Ellipsis.IsValid() {
		ec.args = true
	}
	recv := sig.Recv()
	if recv == nil {
		// sqlx.MustExec(e, query, ...): the Execer decides.
		if fn.Pkg() == nil || fn.Pkg().Path() != "github.com/jmoiron/sqlx" || !sqlxFuncs[fn.Name()] || qi == 0 {
			return nil
		}
		ec.kind, ec.label = execerKind(info.TypeOf(call.Args[qi-1]))
		return ec
	}
	if k, label, ok := lookupExecType(recv.Type()); ok {
		ec.kind, ec.label = k, label
		return ec
	}
	// A project's own transaction interface (Exec, Commit and Rollback,
	// or one that embeds pgx.Tx) runs its SQL in the transaction it is.
	if label, ok := txType(recv.Type()); ok && types.IsInterface(recv.Type()) {
		ec.kind, ec.label = recvTx, label
		return ec
	}
	// An interface of the database/sql or pgx shape (sqlc's DBTX, a
	// project's own Execer): a method that returns sql.Result or a
	// pgconn.CommandTag runs SQL, on a connection or a transaction that
	// the context tells.
	if types.IsInterface(recv.Type()) && returnsExecResult(sig) {
		ec.kind, ec.label = recvUnknown, types.TypeString(recv.Type(), types.RelativeTo(nil))
		return ec
	}
	return nil
}

// queryParam is the index of the first string parameter.
func queryParam(sig *types.Signature) int {
	ps := sig.Params()
	for i := 0; i < ps.Len(); i++ {
		if b, ok := ps.At(i).Type().Underlying().(*types.Basic); ok && b.Kind() == types.String {
			return i
		}
	}
	return -1
}

// lookupExecType finds t (or what it points to) in execTypes.
func lookupExecType(t types.Type) (recvKind, string, bool) {
	ptr := ""
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), "*"
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return 0, "", false
	}
	path := n.Obj().Pkg().Path()
	k, ok := execTypes[path+"."+n.Obj().Name()]
	if !ok {
		return 0, "", false
	}
	return k, ptr + n.Obj().Pkg().Name() + "." + n.Obj().Name(), true
}

// execerKind tells what an Execer argument is by its static type.
func execerKind(t types.Type) (recvKind, string) {
	if t == nil {
		return recvUnknown, "Execer"
	}
	if k, label, ok := lookupExecType(t); ok {
		return k, label
	}
	return recvUnknown, types.TypeString(t, types.RelativeTo(nil))
}

// returnsExecResult reports whether a method returns what database/sql or
// pgx return from Exec.
func returnsExecResult(sig *types.Signature) bool {
	rs := sig.Results()
	if rs.Len() == 0 {
		return false
	}
	n, ok := types.Unalias(rs.At(0).Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	switch {
	case path == "database/sql" && name == "Result":
		return true
	case name == "CommandTag" && (strings.HasSuffix(path, "/pgconn") || strings.HasPrefix(path, "github.com/jackc/pgx")):
		return true
	}
	return false
}

// txType reports whether t is a transaction handle and names it for
// messages: one of execTypes' transactions (through aliases and
// pointers), a struct that embeds one (type Tx struct{ *sql.Tx }), an
// interface that embeds one (interface{ pgx.Tx }), or an interface whose
// methods run SQL and end a transaction (Exec, Commit and Rollback), such
// as a project's own Tx. The type decides, never a variable's name.
func txType(t types.Type) (string, bool) {
	return txTypeDepth(t, 0)
}

func txTypeDepth(t types.Type, depth int) (string, bool) {
	if t == nil || depth > 4 {
		return "", false
	}
	if k, label, ok := lookupExecType(t); ok {
		return label, k == recvTx
	}
	label := types.TypeString(t, func(p *types.Package) string { return p.Name() })
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if f := u.Field(i); f.Embedded() {
				if _, ok := txTypeDepth(f.Type(), depth+1); ok {
					return label, true
				}
			}
		}
	case *types.Interface:
		for i := 0; i < u.NumEmbeddeds(); i++ {
			if _, ok := txTypeDepth(u.EmbeddedType(i), depth+1); ok {
				return label, true
			}
		}
		var exec, commit, rollback bool
		for i := 0; i < u.NumMethods(); i++ {
			switch m := u.Method(i); {
			case execMethods[m.Name()]:
				exec = true
			case m.Name() == "Commit":
				commit = true
			case m.Name() == "Rollback":
				rollback = true
			}
		}
		return label, exec && commit && rollback
	}
	return "", false
}
