// Package mysqldb registers the MySQL driver for its importers. // want package:`drivers\(mysql\)`
package mysqldb

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

// Open is what the application calls.
func Open(dsn string) (*sql.DB, error) { return sql.Open("mysql", dsn) }
