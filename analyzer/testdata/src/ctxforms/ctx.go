// Package ctxforms tells transactions from the code around a call. // want package:`drivers\(postgres\)`
package ctxforms

import (
	"context"
	"database/sql"

	"github.com/go-gormigrate/gormigrate/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

type DBTX interface {
	Exec(context.Context, string, ...interface{}) (pgconn.CommandTag, error)
}

func viaInterface(ctx context.Context, tx *sql.Tx, q DBTX) {
	// The interface is probably tx: the function takes a transaction.
	q.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS a_x ON a (x)") // want `a function taking \*sql.Tx runs this migration in a transaction \[concurrently-in-transaction\]`
}

func viaPool(ctx context.Context, tx *sql.Tx, db *sql.DB) {
	// A pool never runs in the transaction, whatever the function takes.
	db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS b_x ON b (x)")
}

func viaPgx(ctx context.Context, c *pgx.Conn) error {
	return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS c_x ON c (x)") // want `Exec on a pgx.Tx runs this migration in a transaction`
		return err
	})
}

func viaGorm(db *gorm.DB) error {
	db.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS d_x ON d (x)")
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS e_x ON e (x)").Error // want `gorm's Transaction runs this migration in a transaction`
	})
}

var migrations = []*gormigrate.Migration{{
	ID: "1",
	Migrate: func(tx *gorm.DB) error {
		return tx.Exec("DROP TABLE IF EXISTS old_f").Error // want `\[destructive-drop\]`
	},
	Rollback: func(tx *gorm.DB) error {
		return tx.Exec("DROP TABLE IF EXISTS f").Error
	},
}}
