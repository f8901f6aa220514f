// Package embedded hands a folder of .sql files to a migration library. // want package:`drivers\(postgres\)`
package embedded

import (
	"embed"

	_ "github.com/lib/pq"
)

//go:embed migrations/*.sql
var migrations embed.FS

//go:embed "migrations"
var again embed.FS // the same files again: linted once

//go:embed schema.txt
var notSQL string
