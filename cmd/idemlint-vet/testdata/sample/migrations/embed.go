// Package migrations holds the schema history: Go migrations and the SQL
// files embedded below.
package migrations

import (
	"embed"

	"example.com/sample/db"
)

//go:embed sql/*.sql
var SQL embed.FS

// Open is re-exported so that the driver comes with this package.
var Open = db.Open
