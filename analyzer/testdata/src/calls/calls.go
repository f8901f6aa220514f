// Package calls runs SQL through every call form the analyzer knows. // want package:`drivers\(postgres\)`
package calls

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	"gorm.io/gorm"
)

func databaseSQL(ctx context.Context, db *sql.DB, conn *sql.Conn, tx *sql.Tx) {
	db.Exec("CREATE TABLE a (id int)")                 // want `table a is created without a guard.*\[create-without-guard\]`
	db.ExecContext(ctx, "CREATE TABLE b (id int)")     // want `\[create-without-guard\]`
	conn.ExecContext(ctx, "CREATE TABLE c (id int)")   // want `\[create-without-guard\]`
	tx.Exec("ALTER TABLE a ADD COLUMN name text")      // want `column a.name is added without a guard.*\[add-column-without-guard\]`
	tx.ExecContext(ctx, "DROP TABLE IF EXISTS old", 1) // want `table old is dropped: its data is lost \[destructive-drop\]`
	db.Exec("CREATE TABLE IF NOT EXISTS a (id int)")   // guarded: silent
	db.QueryContext(ctx, "CREATE TABLE q (id int)")    // not an Exec: silent
}

func pgxCalls(ctx context.Context, c *pgx.Conn, tx pgx.Tx, p *pgxpool.Pool) {
	c.Exec(ctx, "CREATE TABLE d (id int)")  // want `\[create-without-guard\]`
	tx.Exec(ctx, "CREATE TABLE e (id int)") // want `\[create-without-guard\]`
	p.Exec(ctx, "CREATE TABLE f (id int)")  // want `\[create-without-guard\]`
}

func sqlxCalls(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx) {
	db.Exec("CREATE TABLE g (id int)")                          // want `\[create-without-guard\]`
	db.MustExec("CREATE TABLE h (id int)")                      // want `\[create-without-guard\]`
	db.MustExecContext(ctx, "CREATE TABLE i (id int)")          // want `\[create-without-guard\]`
	tx.MustExec("CREATE TABLE j (id int)")                      // want `\[create-without-guard\]`
	tx.Exec("CREATE TABLE k (id int)")                          // want `\[create-without-guard\]`
	sqlx.MustExec(tx, "CREATE TABLE l (id int)")                // want `\[create-without-guard\]`
	sqlx.MustExecContext(ctx, db, "CREATE TABLE m (id int)")    // want `\[create-without-guard\]`
	sqlx.MustExec(db, "CREATE TABLE IF NOT EXISTS m2 (id int)") // guarded: silent
}

func gormCalls(db *gorm.DB) {
	db.Exec("CREATE TABLE n (id int)") // want `\[create-without-guard\]`
}

// DBTX is the interface sqlc generates.
type DBTX interface {
	Exec(context.Context, string, ...interface{}) (pgconn.CommandTag, error)
}

// execer is a project's own.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// notSQL has an Exec that runs no SQL.
type notSQL interface {
	Exec(cmd string) error
}

func interfaces(ctx context.Context, q DBTX, e execer, n notSQL) {
	q.Exec(ctx, "CREATE TABLE o (id int)")        // want `\[create-without-guard\]`
	e.ExecContext(ctx, "CREATE TABLE p (id int)") // want `\[create-without-guard\]`
	n.Exec("CREATE TABLE r (id int)")             // not SQL: silent
}

// want +1 `table users is created without a guard`
const createUsers = `CREATE TABLE users (
	id int,
	name text
)`

const (
	prefix = "CREATE TABLE " // want `table s is created without a guard`
	table  = "s"
)

type query string

const typed query = "DROP TABLE t2" // want `\[drop-without-if-exists\]` `\[destructive-drop\]`

func constants(db *sql.DB, name string) {
	db.Exec(createUsers)
	db.Exec(createUsers) // the same constant twice: reported once
	db.Exec(prefix + table + " (id int)")
	db.Exec(string(typed))
	db.Exec(fmt.Sprintf("CREATE TABLE %s (id int)", name)) // not constant: silent
	db.Exec("CREATE TABLE " + name)                        // not constant: silent
	db.Exec(sql.ErrNoRows.Error())                         // not constant: silent
}
