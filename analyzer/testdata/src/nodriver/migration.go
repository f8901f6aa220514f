// Package nodriver imports no driver: the dialect comes from the flag,
// the configuration, or the SQL.
package nodriver

import "database/sql"

func migrate(db *sql.DB) {
	// Fine on PostgreSQL and MariaDB; MySQL rejects it.
	db.Exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int")
}

func sqlite(db *sql.DB) {
	// Neither parser reads SQLite's AUTOINCREMENT: with no dialect known,
	// that is not reported as a syntax error.
	db.Exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT)")
}
