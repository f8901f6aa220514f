package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// BareInsert finds inserts and bulk loads (COPY FROM, psql's \copy) that
// add rows again on a second run.
var BareInsert = &Rule{
	ID:       "bare-insert",
	Summary:  "INSERT or COPY FROM without a conflict or existence guard",
	Severity: Warning,
	Category: Rerun,
	Help:     "add ON CONFLICT DO NOTHING / INSERT IGNORE, or insert only WHERE NOT EXISTS",
	Doc: `## What it finds

An ` + "`INSERT`" + ` (seed data, a backfill) with no ` + "`ON CONFLICT`" + `, ` + "`INSERT IGNORE`" + `,
` + "`ON DUPLICATE KEY UPDATE`" + `, ` + "`REPLACE INTO`" + `, ` + "`INSERT ... SELECT ... WHERE NOT EXISTS`" + `,
no enclosing existence check, and no earlier statement in the section that
empties the rows first: ` + "`TRUNCATE t`" + `, ` + "`DELETE FROM t`" + ` without ` + "`WHERE`" + `, or
` + "`DELETE FROM t WHERE k = ...`" + ` / ` + "`k IN (...)`" + ` of every key the insert writes
(several such deletes add up). Other statements may stand between, unless
they rename, drop or create the table, or, after a keyed ` + "`DELETE`" + `, write
rows whose keys the file cannot see (` + "`INSERT ... SELECT`" + `, ` + "`COPY`" + `, ` + "`UPDATE`" + `),
which may bring the deleted keys back. An emptying inside a condition counts
only for inserts under the same condition.
Inserts into a table the same section creates (without ` + "`IF NOT EXISTS`" + `) or
into a temporary table are not reported: on a second run they meet an empty
table, or the run stops earlier.

A conflict guard (` + "`ON CONFLICT`" + `, ` + "`INSERT IGNORE`" + `, ` + "`ON DUPLICATE KEY UPDATE`" + `,
` + "`REPLACE INTO`" + `) works only through a unique key the inserted row supplies. When
every unique key of the table holds a column the ` + "`INSERT`" + ` leaves to a generator
(` + "`serial`" + `, an identity column, ` + "`DEFAULT nextval(...)`" + `, ` + "`AUTO_INCREMENT`" + `,
` + "`DEFAULT gen_random_uuid()`" + `, ` + "`DEFAULT (UUID())`" + `), or the table has no unique key at
all, each row gets a fresh key and the guard never meets a duplicate: that insert
is reported too, saying which key is left to what. The keys are those declared
before the insert, earlier in the file and, when a folder is linted, in the
migrations before it (in their framework's order; rollbacks left out):
` + "`CREATE TABLE`" + ` (column and table constraints),
` + "`CREATE UNIQUE INDEX`" + `, ` + "`ALTER TABLE`" + ` adding a column, primary key or unique
constraint, less the keys and columns dropped since. A table not created there,
or created from elsewhere (` + "`LIKE`" + `, ` + "`AS SELECT`" + `, ` + "`INHERITS`" + `,
` + "`PARTITION OF`" + `), has unknown keys, and its guard is trusted.

Bulk loads count as inserts, under the same rules: ` + "`COPY t FROM 'file'`" + ` (a file
on the server), ` + "`COPY t FROM PROGRAM '...'`" + `, ` + "`COPY t FROM stdin`" + ` with its rows
inline (pg_dump and Sqitch files), and psql's ` + "`\\copy t from ...`" + `. COPY has no
conflict clause, so each run loads every row again.

## Why it bites on re-run

With a unique key the second run fails (` + "`duplicate key value violates unique constraint`" + `,
23505; ` + "`Duplicate entry`" + `, 1062). Without one it silently inserts the rows
again, and the data diverges from what the migration meant.

## How to fix it

- Guard on a key the rows carry: a natural key (` + "`UNIQUE (name)`" + `) with
  ` + "`ON CONFLICT (name) DO NOTHING`" + ` or ` + "`INSERT IGNORE`" + `, or the generated key given
  explicitly (` + "`INSERT INTO roles (id, name) VALUES (1, 'admin')`" + `).

- PostgreSQL: ` + "`INSERT ... ON CONFLICT DO NOTHING`" + ` (or ` + "`DO UPDATE`" + ` to converge), or
  ` + "`INSERT INTO t (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM t WHERE ...)`" + `.
- MySQL and MariaDB: ` + "`INSERT IGNORE`" + `, ` + "`ON DUPLICATE KEY UPDATE`" + `, ` + "`REPLACE INTO`" + `,
  or the ` + "`WHERE NOT EXISTS`" + ` form.
- Or empty the rows first, earlier in the section: ` + "`DELETE FROM t WHERE k = 'a'; INSERT INTO t (k) VALUES ('a');`" + `.
- COPY: load into a temporary table, then insert from it with ` + "`ON CONFLICT DO NOTHING`" + `
  (` + "`CREATE TEMP TABLE s (LIKE t); COPY s FROM ...; INSERT INTO t SELECT * FROM s ON CONFLICT DO NOTHING;`" + `),
  or empty the table first in the same section (` + "`TRUNCATE t;`" + ` or ` + "`DELETE FROM t;`" + ` before the load).
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true},
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;\n"},
		{Dialect: model.Postgres, SQL: "DELETE FROM roles WHERE name = 'admin';\nINSERT INTO roles (name) VALUES ('admin');\n", Note: "delete-then-insert"},
		{Dialect: model.MySQL, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true},
		{Dialect: model.MySQL, SQL: "INSERT IGNORE INTO roles (name) VALUES ('admin');\n"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n", Bad: true, Note: "the only unique key is id, which the INSERT leaves to its sequence"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE);\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n", Note: "name is a unique key the row supplies"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS roles (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50));\nINSERT IGNORE INTO roles (name) VALUES ('admin');\n", Bad: true, Note: "the only unique key is id, which the INSERT leaves to AUTO_INCREMENT"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM '/srv/seed/roles.csv' WITH (FORMAT csv);\n", Bad: true, Note: "a server-side file, loaded again on every run"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM stdin;\nadmin\n\\.\n", Bad: true, Note: "pg_dump style: the rows follow the statement"},
		{Dialect: model.Postgres, SQL: "CREATE TEMP TABLE roles_seed (LIKE roles);\nCOPY roles_seed (name) FROM stdin;\nadmin\n\\.\nINSERT INTO roles (name) SELECT name FROM roles_seed ON CONFLICT (name) DO NOTHING;\n", Note: "load into a temporary table, then insert what is missing"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActInsert || e.Safe() || p.isLedger(e.Object) {
				return
			}
			if e.Load != "" {
				p.ReportEffect(e, fmt.Sprintf("%s into %s loads the rows again on every run: a second run duplicates them or fails on a unique key", e.Load, e.Object.Qualified()),
					"load into a temporary table, then INSERT ... SELECT ... ON CONFLICT DO NOTHING from it; or empty the table earlier in the section")
				return
			}
			if e.GuardVoid != "" {
				p.ReportEffect(e, fmt.Sprintf("insert into %s: %s never meets a duplicate, because %s; every run inserts the rows again", e.Object.Qualified(), e.Guard, e.GuardVoid),
					dialectHelp(p.Script.Dialect, "give the rows a natural unique key (a UNIQUE constraint on the columns that identify a row) and write ON CONFLICT (those columns) DO NOTHING, or insert only WHERE NOT EXISTS",
						"give the rows a natural unique key (a UNIQUE key on the columns that identify a row) and insert those columns, or insert only WHERE NOT EXISTS", ""))
				return
			}
			p.ReportEffect(e, fmt.Sprintf("insert into %s has no conflict or existence guard: a second run inserts the rows again or fails on a unique key", e.Object.Qualified()),
				dialectHelp(p.Script.Dialect, "add ON CONFLICT DO NOTHING, or insert only WHERE NOT EXISTS",
					"write INSERT IGNORE or ON DUPLICATE KEY UPDATE, or insert only WHERE NOT EXISTS", ""))
		})
	},
}
