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

## Why it bites on re-run

After the first run the old name is gone: ` + "`column \"name\" does not exist`" + `
(42703), ` + "`relation \"users\" does not exist`" + ` (42P01), ` + "`Unknown column`" + ` (1054),
` + "`Table ... doesn't exist`" + ` (1146).

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
			p.ReportEffect(e, fmt.Sprintf("%s is renamed%s without a guard: a second run fails because the old name no longer exists", quoted(e.Object), to), "")
		})
	},
}
