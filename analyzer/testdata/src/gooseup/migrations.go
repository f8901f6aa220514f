// Package gooseup registers Go migrations with goose. // want package:`drivers\(postgres\)`
package gooseup

import (
	"context"
	"database/sql"

	_ "github.com/lib/pq"
	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upUsers, downUsers)
	goose.AddMigrationNoTxContext(upIndex, downIndex)
	goose.AddMigration(func(tx *sql.Tx) error {
		_, err := tx.Exec("CREATE INDEX CONCURRENTLY IF NOT EXISTS lit_idx ON users (name)") // want `CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose runs this migration in a transaction \[concurrently-in-transaction\]`
		return err
	}, func(tx *sql.Tx) error {
		_, err := tx.Exec("DROP INDEX lit_idx") // want `\[drop-without-if-exists\]`
		return err
	})
	goose.AddNamedMigrationNoTx("00004_x.go", upNoTx, nil)
	goose.NewGoMigration(5, &goose.GoFunc{RunTx: upFive}, &goose.GoFunc{RunDB: downFive})
}

func upUsers(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS users (id int)`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE users ADD COLUMN name text`) // want `\[add-column-without-guard\]`
	return err
}

// downUsers undoes upUsers: dropping is its job, so only re-run rules speak.
func downUsers(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "ALTER TABLE users DROP COLUMN IF EXISTS name"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DROP TABLE users") // want `table users is dropped without IF EXISTS`
	return err
}

func upIndex(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name)")
	return err
}

func downIndex(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DROP INDEX CONCURRENTLY IF EXISTS users_name")
	return err
}

func upNoTx(db *sql.DB) error {
	// Two statements in one Exec: PostgreSQL runs them in one implicit
	// transaction, which CONCURRENTLY refuses.
	_, err := db.Exec(`CREATE TABLE IF NOT EXISTS t (a int);
CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);`) // want `cannot run inside a transaction block, and a multi-statement Exec runs this migration in a transaction \[concurrently-in-transaction\]`
	return err
}

func upFive(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS legacy") // want `table legacy is dropped: its data is lost \[destructive-drop\]`
	return err
}

func downFive(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS legacy2")
	return err
}

// helper is registered nowhere and takes a transaction: its SQL runs in
// one, and destructive rules apply.
func helper(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "TRUNCATE audit") // want `\[destructive-truncate\]`
	return err
}

func init() {
	goose.AddMigrationContext(upSplit, downSplit)
}

func upSplit(ctx context.Context, tx *sql.Tx) error {
	if err := createAudit(ctx, tx); err != nil {
		return err
	}
	return shared(ctx, tx)
}

func downSplit(ctx context.Context, tx *sql.Tx) error {
	if err := dropAudit(ctx, tx); err != nil {
		return err
	}
	return shared(ctx, tx)
}

func createAudit(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TABLE audit2 (id int)") // want `table audit2 is created without a guard`
	return err
}

// dropAudit is only called by a down migration: it is part of one.
func dropAudit(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS audit2")
	return err
}

// shared is called by both: it is neither.
func shared(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS scratch") // want `table scratch is dropped: its data is lost \[destructive-drop\]`
	return err
}

func init() {
	goose.AddMigration(nil, downOnly)
}

// downOnly is the down of a migration with no up: dropping is its job.
func downOnly(tx *sql.Tx) error {
	_, err := tx.Exec("DROP TABLE IF EXISTS rollback_only")
	return err
}
