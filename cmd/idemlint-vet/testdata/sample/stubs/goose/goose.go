// Package goose stands in for goose's Go migration API.
package goose

import (
	"context"
	"database/sql"
)

type GoMigrationContext func(ctx context.Context, tx *sql.Tx) error
type GoMigrationNoTxContext func(ctx context.Context, db *sql.DB) error

func AddMigrationContext(up, down GoMigrationContext)         {}
func AddMigrationNoTxContext(up, down GoMigrationNoTxContext) {}
