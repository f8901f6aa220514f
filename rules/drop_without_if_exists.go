package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// DropWithoutIfExists finds DROP statements that fail once the object is gone.
var DropWithoutIfExists = &Rule{
	ID:       "drop-without-if-exists",
	Summary:  "DROP without IF EXISTS fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  true,
	Help:     "write DROP ... IF EXISTS",
	Doc: `## What it finds

Any ` + "`DROP`" + ` (table, column, index, constraint, view, function, type, trigger,
policy, schema, ...) without ` + "`IF EXISTS`" + ` and without an enclosing check that
the object exists, and no re-creation of the same object in the section.
Down sections are checked too: a rollback is re-run as often as a migration.

PostgreSQL identifies functions, procedures and aggregates by name and input
argument types: ` + "`DROP FUNCTION f(date, uuid)`" + ` followed by
` + "`CREATE OR REPLACE FUNCTION f(date, uuid, int)`" + ` is not a drop-and-recreate, and
the second run's ` + "`DROP`" + ` fails. Types compare as the server resolves them
(` + "`int`" + `, ` + "`integer`" + ` and ` + "`int4`" + ` are one type; ` + "`OUT`" + ` arguments do not count).
A table dropped in a rebuild cycle whose second run finds it again (the
section renames or creates a table to that name after the drop) is not
reported.

An exception handler around it guards it only when it catches the error a
second run raises. PostgreSQL: ` + "`undefined_table`" + ` (42P01) for tables, views and
sequences, ` + "`undefined_object`" + ` (42704) for indexes, constraints, types, triggers
and the rest, ` + "`undefined_column`" + ` (42703), ` + "`undefined_function`" + ` (42883),
` + "`invalid_schema_name`" + ` (3F000). MySQL and MariaDB: 1051 for tables (MariaDB: 4092
for views), 1091 for columns, indexes and keys (MySQL 8.0: 3940 for ` + "`DROP CHECK`" + `
and ` + "`DROP CONSTRAINT`" + `), 1305 for routines, 1360 for triggers. A handler for another
condition guards nothing, and the finding names the one it would need.

## Why it bites on re-run

The first run removes the object; the second fails with ` + "`does not exist`" + `
(42P01, 42703, 42704) or MySQL's ` + "`Unknown table`" + ` (1051) /
` + "`Can't DROP ...; check that column/key exists`" + ` (1091).

## How to fix it

- PostgreSQL: ` + "`DROP TABLE IF EXISTS`" + `, ` + "`ALTER TABLE ... DROP COLUMN IF EXISTS`" + `,
  ` + "`DROP CONSTRAINT IF EXISTS`" + `, ` + "`DROP INDEX IF EXISTS`" + `, and so on for every kind.
- MySQL 8.0: ` + "`DROP TABLE/VIEW/DATABASE/PROCEDURE/FUNCTION/TRIGGER/EVENT IF EXISTS`" + `;
  columns, indexes and foreign keys have no ` + "`IF EXISTS`" + `: check
  ` + "`information_schema`" + ` and run the DDL through ` + "`PREPARE`" + `.
- MariaDB: ` + "`DROP COLUMN IF EXISTS`" + `, ` + "`DROP INDEX IF EXISTS`" + `,
  ` + "`DROP FOREIGN KEY IF EXISTS`" + ` work as well.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP COLUMN legacy_status;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP COLUMN IF EXISTS legacy_status;\n"},
		{Dialect: model.MySQL, SQL: "DROP TABLE old_orders;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "DROP TABLE IF EXISTS old_orders;\n"},
	},
	Run: func(p *Pass) {
		d := p.Script.Dialect
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActDrop || e.Safe() {
				return
			}
			help := "write DROP ... IF EXISTS"
			if d == model.MySQL {
				switch e.Object.Kind {
				case model.KindColumn, model.KindIndex, model.KindConstraint, model.KindPartition:
					help = "MySQL 8.0 has no IF EXISTS here: check information_schema and run the ALTER through PREPARE"
				}
			}
			p.ReportEffect(e, fmt.Sprintf("%s is dropped without IF EXISTS: a second run fails because it no longer exists", quoted(e.Object)), help)
		})
	},
}
