// Package nodriver imports no driver: the dialect comes from the flag,
// the configuration, or the SQL.
package nodriver

import "database/sql"

func migrate(db *sql.DB) {
	// Fine on PostgreSQL and MariaDB; MySQL 8.0 rejects it.
	db.Exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int")
}
