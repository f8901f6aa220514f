// Package mysqlapp gets its dialect from a dependency's driver. // want package:`drivers\(mysql\)`
package mysqlapp

import (
	"database/sql"

	"mysqldb"
)

var _ = mysqldb.Open

func migrate(db *sql.DB) {
	db.Exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int") // want `MySQL 8.4 rejects IF NOT EXISTS on add column.*\[mysql-unsupported-if-exists\]`
}
