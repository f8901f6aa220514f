// Package txhandles runs SQL on transaction handles. // want package:`drivers\(postgres\)`

// It is application code: no migration framework registers these
// functions, yet SQL run on a transaction runs in it wherever the code is.
package txhandles

import (
	"context"
	"database/sql"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

// database/sql: a *sql.Tx parameter, and locals from Begin and BeginTx on
// a pool and on a connection.
func sqlParam(tx *sql.Tx) error {
	_, err := tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS a1 ON a (x)") // want `CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and Exec on a \*sql.Tx runs this migration in a transaction \[concurrently-in-transaction\]`
	return err
}

func sqlBegin(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS a2 ON a (x)"); err != nil { // want `Exec on a \*sql.Tx runs this migration in a transaction \[concurrently-in-transaction\]`
		return err
	}
	return tx.Commit()
}

func sqlConnBeginTx(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "DROP INDEX CONCURRENTLY IF EXISTS a3") // want `DROP INDEX CONCURRENTLY cannot run inside a transaction block, and Exec on a \*sql.Tx runs`
	return err
}

// The connection itself runs outside the transaction: silent.
func sqlConnAlone(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS a4 ON a (x)")
	return err
}

// A BEGIN sent on the connection opens a transaction on it.
func sqlConnBeginStatement(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS a5 ON a (x)") // want `cannot run inside a transaction block, and it follows an explicit BEGIN`
	return err
}

// pgx v5 and v4: a pgx.Tx parameter, and locals from Begin on a connection
// and a pool.
func pgxParam(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b1 ON b (x)") // want `Exec on a pgx.Tx runs this migration in a transaction`
	return err
}

func pgxBegin(ctx context.Context, c *pgx.Conn, p *pgxpool.Pool) error {
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b2 ON b (x)"); err != nil { // want `Exec on a pgx.Tx runs`
		return err
	}
	ptx, err := p.Begin(ctx)
	if err != nil {
		return err
	}
	_, err = ptx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b3 ON b (x)") // want `Exec on a pgx.Tx runs`
	return err
}

func pgxPool(ctx context.Context, p *pgxpool.Pool, c *pgx.Conn) {
	p.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b4 ON b (x)") // a pool: silent
	c.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b5 ON b (x)") // a connection: silent
}

func pgx4Begin(ctx context.Context, c *pgx4.Conn) error {
	c.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b6 ON b (x)") // a connection: silent
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b7 ON b (x)") // want `Exec on a pgx.Tx runs`
	return err
}

// sqlx: a *sqlx.Tx parameter, and locals from MustBegin, Beginx and
// BeginTxx.
func sqlxParam(tx *sqlx.Tx) {
	tx.MustExec("CREATE INDEX CONCURRENTLY IF NOT EXISTS c1 ON c (x)") // want `Exec on a \*sqlx.Tx runs`
}

func sqlxBegin(ctx context.Context, db *sqlx.DB) error {
	db.MustExec("CREATE INDEX CONCURRENTLY IF NOT EXISTS c2 ON c (x)") // the pool: silent
	tx := db.MustBegin()
	tx.MustExec("CREATE INDEX CONCURRENTLY IF NOT EXISTS c3 ON c (x)") // want `Exec on a \*sqlx.Tx runs`
	tx2, err := db.Beginx()
	if err != nil {
		return err
	}
	tx2.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS c4 ON c (x)") // want `Exec on a \*sql.Tx runs`
	tx3, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	sqlx.MustExecContext(ctx, tx3, "CREATE INDEX CONCURRENTLY IF NOT EXISTS c5 ON c (x)") // want `Exec on a \*sqlx.Tx runs`
	return nil
}

// bun: a bun.Tx parameter, RunInTx's closure, and a local from BeginTx.
func bunParam(ctx context.Context, tx bun.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS d1 ON d (x)") // want `Exec on a bun.Tx runs`
	return err
}

func bunBegin(ctx context.Context, db *bun.DB) error {
	db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS d2 ON d (x)") // the pool: silent
	if err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS d3 ON d (x)") // want `Exec on a bun.Tx runs`
		return err
	}); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS d4 ON d (x)") // want `Exec on a bun.Tx runs`
	return err
}

// gorm: the closure of Transaction, and the *DB that Begin returns.
func gormTx(db *gorm.DB) error {
	db.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS e1 ON e (x)") // the pool: silent
	if err := db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS e2 ON e (x)").Error // want `gorm's Transaction runs this migration in a transaction`
	}); err != nil {
		return err
	}
	tx := db.Begin()
	tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS e3 ON e (x)")         // want `gorm's Begin runs this migration in a transaction`
	db.Begin().Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS e4 ON e (x)") // want `gorm's Begin runs`
	return tx.Commit().Error
}
