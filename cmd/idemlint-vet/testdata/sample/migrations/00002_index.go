package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upIndex, downIndex)
}

func upIndex(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email)")
	return err
}

func downIndex(ctx context.Context, db *sql.DB) error {
	//idemlint:ignore drop-without-if-exists -- fails loudly on purpose when the index is gone
	_, err := db.ExecContext(ctx, "DROP INDEX CONCURRENTLY users_email")
	return err
}
