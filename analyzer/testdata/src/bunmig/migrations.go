// Package bunmig registers bun migrations. // want package:`drivers\(postgres\)`
package bunmig

import (
	"context"
	"database/sql"

	_ "github.com/lib/pq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

var Migrations = migrate.NewMigrations()

func init() {
	Migrations.MustRegister(func(ctx context.Context, db *bun.DB) error {
		_, err := db.ExecContext(ctx, "CREATE TABLE accounts (id bigint)") // want `table accounts is created without a guard`
		return err
	}, func(ctx context.Context, db *bun.DB) error {
		_, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS accounts") // a down migration: dropping is its job
		return err
	})
	Migrations.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_id ON accounts (id)") // want `Exec on a bun.Tx runs this migration in a transaction`
			return err
		})
	}, nil)
}

var _ = sql.ErrNoRows
