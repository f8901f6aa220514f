package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// RenameWithoutGuard finds renames, which can never succeed twice.
var RenameWithoutGuard = &Rule{
	ID:       "rename-without-guard",
	Summary:  "RENAME of a table, column, index or constraint fails on the second run",
	Severity: Error,
	Category: Rerun,
	Help:     "run the rename only when the old name still exists (a catalog check)",
	Doc: `## What it finds

A rename (` + "`ALTER TABLE ... RENAME TO`" + `, ` + "`RENAME COLUMN`" + `, ` + "`RENAME CONSTRAINT`" + `,
` + "`ALTER INDEX ... RENAME`" + `, ` + "`ALTER TYPE ... RENAME VALUE`" + `, ` + "`SET SCHEMA`" + `, MySQL's
` + "`RENAME TABLE`" + `, ` + "`RENAME INDEX`" + `, ` + "`CHANGE old new`" + `) with no check that the old
name still exists.

An exception handler around it guards it only when it catches the error a
second run raises, which is about the old name being gone. PostgreSQL:
` + "`undefined_table`" + ` (42P01) for tables, views, sequences and indexes,
` + "`undefined_column`" + ` (42703), ` + "`undefined_object`" + ` (42704) for constraints and
types, ` + "`invalid_parameter_value`" + ` (22023) for ` + "`ALTER TYPE ... RENAME VALUE`" + `. MySQL
and MariaDB: 1146 for tables, 1054 for columns, 1176 for indexes. A handler
for another condition guards nothing, and the finding names the one it
would need.

## Why it bites on re-run

After the first run the old name is gone: ` + "`column \"name\" does not exist`" + `
(42703), ` + "`relation \"users\" does not exist`" + ` (42P01), ` + "`Unknown column`" + ` (1054),
` + "`Table ... doesn't exist`" + ` (1146).

A rename that is part of a rebuild cycle is judged with the whole section:
the names are followed through the file, once from the state the file
implies and once more from the state that first run leaves, and only the
statements the second run would fail on are reported. Renaming a table to a
backup, creating it anew, copying the rows back and dropping the backup runs
twice (the second run renames the new table and drops it in turn), as does
the column swap (add a new column, copy, drop the old one, rename the new
one). Keep the backup, and the second run's rename fails because the backup
name is taken. Such a cycle is re-run safe only once the first run
completed: on MySQL and MariaDB, which commit each DDL statement, a run that
dies half-way through the cycle leaves names the retry cannot rename.

## How to fix it

- PostgreSQL: ` + "`ALTER TABLE IF EXISTS old RENAME TO new`" + ` covers table, view,
  sequence and index renames. Column and constraint renames need a ` + "`DO`" + ` block:
  ` + "`IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'old') THEN ALTER TABLE t RENAME COLUMN old TO new; END IF;`" + `
- MySQL and MariaDB: check ` + "`information_schema.columns`" + ` (or ` + "`tables`" + `,
  ` + "`statistics`" + `) and run the DDL through ` + "`PREPARE`" + `, or in a procedure.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE users RENAME COLUMN name TO full_name;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns\n" +
			"             WHERE table_name = 'users' AND column_name = 'name') THEN\n" +
			"    ALTER TABLE users RENAME COLUMN name TO full_name;\n  END IF;\nEND $$;\n", Note: "renamed only while the old column exists"},
		{Dialect: model.MySQL, SQL: "RENAME TABLE users TO accounts;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE orders (id bigint PRIMARY KEY);\n" +
			"INSERT INTO orders (id) SELECT id FROM orders_old;\n", Bad: true, Note: "the backup is kept: on the second run orders_old is taken"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE orders (id bigint PRIMARY KEY);\n" +
			"INSERT INTO orders (id) SELECT id FROM orders_old;\nDROP TABLE orders_old;\n", Note: "a rebuild cycle: the second run renames the new table away and drops it in turn"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActRename || e.Safe() {
				return
			}
			to := ""
			if e.NewName != "" {
				to = " to " + e.NewName
			}
			why := "the old name no longer exists"
			if e.RerunMeets != "" {
				// Following the section's names shows what the second run meets.
				why = e.RerunMeets
			}
			p.ReportEffect(e, fmt.Sprintf("%s is renamed%s without a guard: a second run fails because %s", quoted(e.Object), to, why), "")
		})
	},
}
