// Package sqliteapp talks to SQLite only: idemlint does not read its SQL. // want package:`drivers\(other\)`
package sqliteapp

import (
	"database/sql"

	_ "github.com/mattn/go-sqlite3"
)

func migrate(db *sql.DB) {
	db.Exec("CREATE TABLE t (id integer primary key autoincrement)")
}
