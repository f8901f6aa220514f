package txhandles

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Transaction types of a project's own, by what they are, never by
// their names.

// Tx is an alias of database/sql's.
type Tx = sql.Tx

// wrappedTx embeds a transaction: its promoted Exec is the transaction's.
type wrappedTx struct{ *sql.Tx }

// pgTx is an interface built on pgx.Tx.
type pgTx interface {
	pgx.Tx
	Savepoint(name string) error
}

// unitOfWork is a transaction interface of the project's own: it runs
// SQL, commits and rolls back.
type unitOfWork interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	Commit() error
	Rollback() error
}

// runner runs SQL and nothing else: a pool or a transaction, the code
// around it tells.
type runner interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func alias(tx *Tx) {
	tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS f1 ON f (x)") // want `Exec on a \*sql.Tx runs`
}

func embedded(w wrappedTx) {
	w.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS f2 ON f (x)") // want `Exec on a \*sql.Tx runs`
}

func embeddedInterface(ctx context.Context, tx pgTx) {
	tx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS f3 ON f (x)") // want `Exec on a pgx.Tx runs`
}

func ownInterface(ctx context.Context, u unitOfWork) {
	u.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS f4 ON f (x)") // want `Exec on a txhandles.unitOfWork runs`
}

// A runner in a function that takes a wrapped transaction is that
// transaction.
func runnerWithTx(ctx context.Context, w *wrappedTx, r runner) {
	r.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS f5 ON f (x)") // want `a function taking \*txhandles.wrappedTx runs this migration in a transaction`
}

// Without a transaction around it, a runner is not one: silent.
func runnerAlone(ctx context.Context, r runner) {
	r.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS f6 ON f (x)")
}
