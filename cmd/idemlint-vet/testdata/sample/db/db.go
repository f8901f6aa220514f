// Package db opens the database; it brings in the PostgreSQL driver.
package db

import (
	"database/sql"

	_ "github.com/lib/pq"
)

// Open connects.
func Open(dsn string) (*sql.DB, error) { return sql.Open("postgres", dsn) }
