// Package values follows variables that hold constant SQL. // want package:`drivers\(postgres\)`
package values

import (
	"context"
	"database/sql"

	_ "github.com/lib/pq"
)

func once(ctx context.Context, tx *sql.Tx) error {
	q := "CREATE TABLE a (id int)" // want `table a is created without a guard`
	_, err := tx.ExecContext(ctx, q)
	return err
}

func declared(tx *sql.Tx) {
	var q = `ALTER TABLE a ADD COLUMN b int` // want `column a.b is added without a guard`
	tx.Exec(q)
}

func twice(tx *sql.Tx, cond bool) {
	q := "CREATE TABLE c (id int)"
	if cond {
		q = "CREATE TABLE d (id int)"
	}
	tx.Exec(q) // written twice: not followed
}

func appended(tx *sql.Tx) {
	q := "CREATE TABLE e (id int)"
	q += " PARTITION BY RANGE (id)"
	tx.Exec(q) // written twice: not followed
}

func addressed(tx *sql.Tx, read func(*string)) {
	q := "CREATE TABLE f (id int)"
	read(&q)
	tx.Exec(q) // its address escapes: not followed
}

func param(tx *sql.Tx, q string) {
	tx.Exec(q) // a parameter: not followed
}

var steps = []string{
	"CREATE TABLE IF NOT EXISTS g (id int)",
	"CREATE TABLE h (id int)", // want `table h is created without a guard`
	`ALTER TABLE g ADD COLUMN IF NOT EXISTS x int`,
}

func ranged(tx *sql.Tx) {
	for _, s := range steps {
		tx.Exec(s)
	}
	for _, s := range []string{"DROP TABLE i"} { // want `\[drop-without-if-exists\]` `\[destructive-drop\]`
		tx.Exec(s)
	}
}

var grown = []string{"CREATE TABLE j (id int)"}

func init() { grown = append(grown, "CREATE TABLE k (id int)") }

func rangedGrown(tx *sql.Tx) {
	for _, s := range grown {
		tx.Exec(s) // the list is written twice: not followed
	}
}

type step struct {
	name string
	up   string
}

func structs(tx *sql.Tx) {
	for _, s := range []step{
		{"users", "CREATE TABLE users (id int)"}, // want `table users is created without a guard`
		{name: "orders", up: "CREATE TABLE IF NOT EXISTS orders (id int)"},
		{up: "INSERT INTO orders (id) VALUES (1)", name: "seed"}, // want `\[bare-insert\]`
	} {
		tx.Exec(s.up)
	}
}

// Go code that checks the database first guards the statement: the
// re-run rules stay quiet, the others do not.
func guarded(ctx context.Context, tx *sql.Tx) error {
	var exists bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_name = 'a' AND column_name = 'z')`).Scan(&exists)
	if err != nil {
		return err
	}
	if !exists {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE a ADD COLUMN z int"); err != nil {
			return err
		}
	}
	n := count(ctx, tx)
	if n == 0 {
		tx.ExecContext(ctx, "INSERT INTO a (id) VALUES (1)")
		tx.ExecContext(ctx, "DROP TABLE IF EXISTS old") // want `\[destructive-drop\]`
	}
	return nil
}

func count(ctx context.Context, tx *sql.Tx) int { return 0 }

// A condition that does not come from the database guards nothing.
func unguarded(tx *sql.Tx, enabled bool) {
	if enabled {
		tx.Exec("ALTER TABLE a ADD COLUMN w int") // want `column a.w is added without a guard`
	}
}

func columnExists(ctx context.Context, tx *sql.Tx, table, column string) (bool, error) {
	return false, nil
}

// An earlier if that leaves on a database answer guards what follows.
func earlyReturn(ctx context.Context, tx *sql.Tx) error {
	exists, err := columnExists(ctx, tx, "a", "v")
	if err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = tx.ExecContext(ctx, "ALTER TABLE a ADD COLUMN v int")
	return err
}

// An error check is not a guard: the statement after it runs every time.
func errorOnly(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM a").Scan(&n); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE a ADD COLUMN u int") // want `column a.u is added without a guard`
	return err
}

// Columns read in a loop over rows, then tested before each ALTER.
func fromRows(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT column_name FROM information_schema.columns WHERE table_name = 'a'")
	if err != nil {
		return err
	}
	defer rows.Close()
	present := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		present[name] = true
	}
	if _, ok := present["t"]; !ok {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE a ADD COLUMN t int"); err != nil {
			return err
		}
	}
	for _, c := range []string{"s"} {
		if present[c] {
			continue
		}
		tx.ExecContext(ctx, "ALTER TABLE a ADD COLUMN s int")
	}
	return nil
}

// A row that is not there yet.
func noRows(ctx context.Context, tx *sql.Tx) error {
	var id int
	err := tx.QueryRowContext(ctx, "SELECT id FROM settings WHERE name = 'x'").Scan(&id)
	if err == sql.ErrNoRows {
		_, err = tx.ExecContext(ctx, "INSERT INTO settings (name) VALUES ('x')")
	}
	return err
}

// The strings one function runs in turn read as one script: the DROP ...
// IF EXISTS of one Exec protects the CREATE of the next, in a list too.
func dropThenCreate(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER IF EXISTS touch ON a"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "CREATE TRIGGER touch BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch()")
	for _, q := range []string{
		"DROP VIEW IF EXISTS v",
		"CREATE VIEW v AS SELECT 1",
	} {
		tx.ExecContext(ctx, q)
	}
	return err
}

// A CREATE in another function is not protected by it.
func createAlone(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TRIGGER touch BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch()") // want `\[replace-without-or-replace\]`
	return err
}

// A helper that hands its parameter to Exec: its callers' SQL is linted
// at the call, in the caller's context.
func exec(ctx context.Context, tx *sql.Tx, q string) error {
	_, err := tx.ExecContext(ctx, q)
	return err
}

// execAll runs each statement it is given.
func execAll(ctx context.Context, tx *sql.Tx, stmts ...string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// execList runs a list.
func execList(ctx context.Context, tx *sql.Tx, stmts []string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func viaHelpers(ctx context.Context, tx *sql.Tx, name string) error {
	if err := exec(ctx, tx, "CREATE TABLE helped (id int)"); err != nil { // want `table helped is created without a guard`
		return err
	}
	if err := exec(ctx, tx, name); err != nil { // not constant: silent
		return err
	}
	if err := execAll(ctx, tx,
		"CREATE TABLE IF NOT EXISTS v1 (id int)",
		"CREATE TABLE v2 (id int)", // want `table v2 is created without a guard`
	); err != nil {
		return err
	}
	return execList(ctx, tx, []string{
		"DROP VIEW IF EXISTS l1",
		"CREATE VIEW l1 AS SELECT 1",         // protected by the DROP before it
		"ALTER TABLE other ADD COLUMN x int", // want `column other.x is added without a guard`
	})
}
