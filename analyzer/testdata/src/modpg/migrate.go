// Package modpg imports no driver, but its module requires pgx: the SQL is
// PostgreSQL, so what PostgreSQL rejects is a syntax error.
package modpg

import "database/sql"

func migrate(db *sql.DB) {
	db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)") // want `syntax error at or near "AUTOINCREMENT" \[syntax-error\]`
}
