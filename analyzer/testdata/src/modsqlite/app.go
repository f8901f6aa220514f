// Package modsqlite imports no driver, but its module requires only
// SQLite's: idemlint leaves its SQL alone.
package modsqlite

import "database/sql"

func migrate(db *sql.DB) {
	db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)")
}
