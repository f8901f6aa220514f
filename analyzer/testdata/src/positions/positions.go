// Package positions pins where findings land inside Go literals. // want package:`drivers\(postgres\)`
package positions

import (
	"database/sql"

	_ "github.com/lib/pq"
)

func run(db *sql.DB) {
	// A raw string maps byte for byte, line by line.
	db.Exec(`ALTER TABLE a
	ADD COLUMN b text`) // want `column a.b`

	// An interpreted string maps exactly between escapes: \t is one
	// source escape, two bytes wide.
	db.Exec("ALTER TABLE a\n\tADD COLUMN IF NOT EXISTS x int,\tADD COLUMN c text") // want `column a.c`

	// A finding that starts on an escape lands on the escape.
	db.Exec("ALTER TABLE a ADD COLUMN IF NOT EXISTS y int, \x41DD COLUMN d text") // want `column a.d`

	// A concatenation maps each piece to its own literal.
	db.Exec("SELECT 1;\n" + "CREATE TABLE x (id int)") // want `table x`
}

const create = "CREATE TABLE y (id int)" // want `table y`

const other = createZ

const createZ = "CREATE TABLE z (id int)" // want `table z`

func consts(db *sql.DB) {
	db.Exec(create)
	db.Exec(other)
}
