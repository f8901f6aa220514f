package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// AddConstraintWithoutGuard finds ADD CONSTRAINT that fails or duplicates
// on a second run.
var AddConstraintWithoutGuard = &Rule{
	ID:       "add-constraint-without-guard",
	Summary:  "ADD CONSTRAINT / PRIMARY KEY / FOREIGN KEY / UNIQUE / CHECK without a guard",
	Severity: Error,
	Category: Rerun,
	Help:     "drop the constraint with IF EXISTS first, or check the catalog before adding it",
	Doc: `## What it finds

` + "`ALTER TABLE ... ADD CONSTRAINT`" + `, ` + "`ADD PRIMARY KEY`" + `, ` + "`ADD FOREIGN KEY`" + `,
` + "`ADD UNIQUE`" + ` or ` + "`ADD CHECK`" + ` with nothing that makes it safe to run twice:
no enclosing check of ` + "`pg_constraint`" + ` / ` + "`information_schema.table_constraints`" + `
for the same constraint, no exception handler, and no earlier
` + "`DROP CONSTRAINT IF EXISTS`" + ` of it in the section.

An exception handler around it guards it only when it catches the error a
second run raises. PostgreSQL: ` + "`duplicate_object`" + ` (42710) for CHECK and FOREIGN
KEY, ` + "`duplicate_table`" + ` (42P07) for UNIQUE and EXCLUDE (the index behind them
exists), ` + "`invalid_table_definition`" + ` (42P16) for a second PRIMARY KEY. MySQL:
1826 for a foreign key, 3822 for a CHECK, 1061 for UNIQUE, 1068 for a
primary key; MariaDB raises 1005 for a foreign key and 1826 for a CHECK. A
handler for another condition guards nothing, and the finding names the
one it would need.

## Why it bites on re-run

A named constraint fails the second time: ` + "`constraint \"orders_user_fk\" for relation \"orders\" already exists`" + `
(42710), ` + "`multiple primary keys for table \"orders\" are not allowed`" + `, or MySQL's
` + "`Duplicate foreign key constraint name`" + ` (1826). An unnamed CHECK, UNIQUE or
FOREIGN KEY does not fail: the server invents a new name and the table gets a
second copy of the constraint, and a second index behind a UNIQUE.

## How to fix it

- PostgreSQL has no ` + "`ADD CONSTRAINT IF NOT EXISTS`" + `: name the constraint and
  run ` + "`ALTER TABLE t DROP CONSTRAINT IF EXISTS name`" + ` first (in the same
  transaction), or add it in a ` + "`DO`" + ` block that checks ` + "`pg_constraint`" + ` or catches
  ` + "`duplicate_object`" + `.
- MySQL: check ` + "`information_schema.table_constraints`" + ` and run the DDL through
  ` + "`PREPARE`" + `. MariaDB takes the guard after the constraint's kind:
  ` + "`ADD CONSTRAINT c FOREIGN KEY IF NOT EXISTS (...)`" + ` and ` + "`ADD UNIQUE KEY IF NOT EXISTS u (...)`" + `;
  only a ` + "`CHECK`" + ` takes ` + "`ADD CONSTRAINT IF NOT EXISTS c CHECK (...)`" + ` (MariaDB 10.11 refuses
  that form for foreign and unique keys).
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n", Note: "dropped first in the same section"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CHECK (total >= 0);\n", Bad: true, Note: "unnamed: duplicated on every run"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActAdd || e.Object.Kind != model.KindConstraint || e.Safe() {
				return
			}
			if e.Unnamed {
				p.ReportEffect(e, fmt.Sprintf("unnamed constraint on %s: every run adds another copy of it", e.Object.Table),
					"name the constraint, and drop it with IF EXISTS (or check the catalog) before adding it")
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is added without a guard: a second run fails because it already exists", quoted(e.Object)),
				dialectHelp(p.Script.Dialect,
					"run ALTER TABLE ... DROP CONSTRAINT IF EXISTS first, or add it in a DO block that checks pg_constraint",
					"check information_schema.table_constraints and run the ALTER through PREPARE",
					"write ADD CONSTRAINT c FOREIGN KEY IF NOT EXISTS, ADD UNIQUE KEY IF NOT EXISTS, or ADD CONSTRAINT IF NOT EXISTS c CHECK (MariaDB), or check information_schema.table_constraints first"))
		})
	},
}
