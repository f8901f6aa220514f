// Package suppress silences findings with Go comments. // want package:`drivers\(postgres\)`
package suppress

import (
	"database/sql"

	_ "github.com/lib/pq"
)

func run(db *sql.DB) {
	//idemlint:ignore create-without-guard -- created once by the installer
	db.Exec("CREATE TABLE a (id int)")

	db.Exec("CREATE TABLE b (id int)") //idemlint:ignore create-without-guard -- same line

	// idemlint:ignore drop-without-if-exists,destructive-drop -- the space after // is accepted too
	db.Exec("DROP TABLE c")

	// want +1 `suppression gives no reason after --; it is not applied \[invalid-suppression\]`
	//idemlint:ignore create-without-guard
	db.Exec("CREATE TABLE d (id int)") // want `\[create-without-guard\]`

	// want +1 `suppression names unknown rule no-such-rule \[invalid-suppression\]`
	//idemlint:ignore no-such-rule -- typo
	db.Exec("CREATE TABLE IF NOT EXISTS e (id int)")

	// want +1 `suppression of bare-insert matches no finding of the SQL in the call below \[unused-suppression\]`
	//idemlint:ignore bare-insert -- nothing to silence here
	db.Exec("CREATE TABLE IF NOT EXISTS f (id int)")

	// want +1 `\[unused-suppression\]`
	//idemlint:ignore create-without-guard -- two lines above is too far

	db.Exec("CREATE TABLE g (id int)") // want `\[create-without-guard\]`

	// The SQL comment form works inside the string as in a .sql file.
	db.Exec(`-- idemlint:ignore create-without-guard -- seeded by hand
CREATE TABLE h (id int)`)
}
