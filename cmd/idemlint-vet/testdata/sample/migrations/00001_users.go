package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upUsers, downUsers)
}

func upUsers(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `CREATE TABLE users (
		id bigint PRIMARY KEY,
		email text NOT NULL
	)`)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email)")
	return err
}

func downUsers(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS users")
	return err
}
