package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// BareInsert finds inserts that add rows again on a second run.
var BareInsert = &Rule{
	ID:       "bare-insert",
	Summary:  "INSERT without a conflict or existence guard",
	Severity: Warning,
	Category: Rerun,
	Help:     "add ON CONFLICT DO NOTHING / INSERT IGNORE, or insert only WHERE NOT EXISTS",
	Doc: `## What it finds

An ` + "`INSERT`" + ` (seed data, a backfill) with no ` + "`ON CONFLICT`" + `, ` + "`INSERT IGNORE`" + `,
` + "`ON DUPLICATE KEY UPDATE`" + `, ` + "`REPLACE INTO`" + `, ` + "`INSERT ... SELECT ... WHERE NOT EXISTS`" + `,
no enclosing existence check, and not right after a ` + "`DELETE`" + ` of the same keys.
Inserts into a table the same section creates (without ` + "`IF NOT EXISTS`" + `) or
into a temporary table are not reported: on a second run they meet an empty
table, or the run stops earlier.

## Why it bites on re-run

With a unique key the second run fails (` + "`duplicate key value violates unique constraint`" + `,
23505; ` + "`Duplicate entry`" + `, 1062). Without one it silently inserts the rows
again, and the data diverges from what the migration meant.

## How to fix it

- PostgreSQL: ` + "`INSERT ... ON CONFLICT DO NOTHING`" + ` (or ` + "`DO UPDATE`" + ` to converge), or
  ` + "`INSERT INTO t (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM t WHERE ...)`" + `.
- MySQL and MariaDB: ` + "`INSERT IGNORE`" + `, ` + "`ON DUPLICATE KEY UPDATE`" + `, ` + "`REPLACE INTO`" + `,
  or the ` + "`WHERE NOT EXISTS`" + ` form.
- Or delete the same keys first: ` + "`DELETE FROM t WHERE k = 'a'; INSERT INTO t (k) VALUES ('a');`" + `.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true},
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;\n"},
		{Dialect: model.Postgres, SQL: "DELETE FROM roles WHERE name = 'admin';\nINSERT INTO roles (name) VALUES ('admin');\n", Note: "delete-then-insert"},
		{Dialect: model.MySQL, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true},
		{Dialect: model.MySQL, SQL: "INSERT IGNORE INTO roles (name) VALUES ('admin');\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActInsert || e.Safe() || p.isLedger(e.Object) {
				return
			}
			p.ReportEffect(e, fmt.Sprintf("insert into %s has no conflict or existence guard: a second run inserts the rows again or fails on a unique key", e.Object.Qualified()),
				dialectHelp(p.Script.Dialect, "add ON CONFLICT DO NOTHING, or insert only WHERE NOT EXISTS",
					"write INSERT IGNORE or ON DUPLICATE KEY UPDATE, or insert only WHERE NOT EXISTS", ""))
		})
	},
}
