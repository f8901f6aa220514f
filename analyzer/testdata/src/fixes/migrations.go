// Package fixes offers the rules' fixes where they map into a literal. // want package:`drivers\(postgres\)`
package fixes

import (
	"database/sql"
	"fixes/schema"

	_ "github.com/lib/pq"
)

func up(db *sql.DB) {
	db.Exec(`CREATE TABLE a (id int)`)                                  // want `table a`
	db.Exec("CREATE TABLE b (id int)")                                  // want `table b`
	db.Exec("\x43REATE TABLE c (id int)")                               // want `table c`
	db.Exec("ALTER TABLE a\n\tADD COLUMN d int")                        // want `column a.d`
	db.Exec("CREATE TABLE IF NOT EXISTS e (id int);\nDROP TABLE e_old") // want `table e_old is dropped without IF EXISTS` `table e_old is dropped: its data is lost`
	// SQL from another package's constant: reported at the name, no fix.
	db.Exec(schema.CreateF) // want `table f`
	// A rewrite: its line breaks are written as escapes.
	db.Exec("CREATE TYPE mood AS ENUM ('a')") // want `type mood`
}
