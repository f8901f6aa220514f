package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// AddColumnWithoutGuard finds ADD COLUMN that fails on a second run.
var AddColumnWithoutGuard = &Rule{
	ID:       "add-column-without-guard",
	Summary:  "ALTER TABLE ... ADD COLUMN without a guard fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  true,
	Help:     "write ADD COLUMN IF NOT EXISTS, or check information_schema.columns first",
	Doc: `## What it finds

` + "`ALTER TABLE ... ADD [COLUMN]`" + ` with no ` + "`IF NOT EXISTS`" + `, no enclosing check
of ` + "`information_schema.columns`" + ` (or ` + "`pg_attribute`" + `) for the same column,
and no earlier ` + "`DROP COLUMN IF EXISTS`" + ` of it in the section.

An exception handler around it guards it only when it catches the error a
second run raises: ` + "`duplicate_column`" + ` (42701), its class or ` + "`OTHERS`" + ` on
PostgreSQL; 1060, SQLSTATE ` + "`'42S21'`" + ` or ` + "`SQLEXCEPTION`" + ` on MySQL and MariaDB.
A handler for another condition guards nothing, and the finding names the
one it would need.

## Why it bites on re-run

The second run stops with ` + "`column \"status\" of relation \"orders\" already exists`" + `
(42701) or ` + "`Duplicate column name 'status'`" + ` (1060). On MySQL the first run's
other DDL has already committed, so the file is left half-applied.

## How to fix it

- PostgreSQL and MariaDB: ` + "`ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text`" + `.
- MySQL 8.0 has no ` + "`ADD COLUMN IF NOT EXISTS`" + `: count the column in
  ` + "`information_schema.columns`" + `, pick the DDL or ` + "`SELECT 1`" + ` with ` + "`IF()`" + `, and
  run it with ` + "`PREPARE`" + `/` + "`EXECUTE`" + `; or put the check in a stored procedure.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN status text;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;\n"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  ALTER TABLE orders ADD COLUMN status text;\nEXCEPTION WHEN duplicate_table THEN NULL;\nEND $$;\n", Bad: true,
			Note: "the handler catches the wrong error: a second run raises duplicate_column"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  ALTER TABLE orders ADD COLUMN status text;\nEXCEPTION WHEN duplicate_column THEN NULL;\nEND $$;\n",
			Note: "a handler for the error a second run raises"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD COLUMN status varchar(20);\n", Bad: true},
		{Dialect: model.MySQL, SQL: "SET @ddl = IF((SELECT COUNT(*) FROM information_schema.columns\n" +
			"  WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') = 0,\n" +
			"  'ALTER TABLE orders ADD COLUMN status varchar(20)', 'SELECT 1');\n" +
			"PREPARE stmt FROM @ddl;\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;\n", Note: "the prepared-statement guard"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActAdd || e.Object.Kind != model.KindColumn || e.Safe() {
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is added without a guard: a second run fails because the column already exists", quoted(e.Object)),
				dialectHelp(p.Script.Dialect, "write ADD COLUMN IF NOT EXISTS",
					"MySQL has no ADD COLUMN IF NOT EXISTS: check information_schema.columns and run the ALTER through PREPARE",
					"write ADD COLUMN IF NOT EXISTS"))
		})
	},
}
