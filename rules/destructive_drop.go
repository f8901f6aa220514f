package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// DestructiveDrop finds drops that lose data.
var DestructiveDrop = &Rule{
	ID:       "destructive-drop",
	Summary:  "DROP TABLE / COLUMN / SCHEMA / DATABASE loses data",
	Severity: Warning,
	Category: Destructive,
	Help:     "make sure the data is no longer needed (or copied elsewhere) before dropping it",
	Doc: `## What it finds

` + "`DROP TABLE`" + `, ` + "`ALTER TABLE ... DROP COLUMN`" + `, ` + "`DROP SCHEMA`" + ` and
` + "`DROP DATABASE`" + `, with or without ` + "`IF EXISTS`" + `, and MariaDB's
` + "`CREATE OR REPLACE TABLE`" + ` (a drop and a create in one), in up sections and plain
files. Down sections are rollbacks whose job is to drop: they are not reported.

## Why it matters

` + "`IF EXISTS`" + ` makes a drop re-runnable, not harmless. A drop followed by a
re-create in the same section (` + "`DROP TABLE IF EXISTS t; CREATE TABLE t ...`" + `)
empties the table on every run, which is exactly what happens when a deploy
retries a migration that had already succeeded.

## How to fix it

Drop data in a separate, reviewed migration once nothing reads it; copy it
first when in doubt. Prefer ` + "`CREATE TABLE IF NOT EXISTS`" + ` over drop-and-create.
Suppress with a reason when the loss is intended:
` + "`-- idemlint:ignore destructive-drop -- table replaced by orders_v2 in 0042`" + `.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS legacy_orders;\n", Bad: true},
		{Dialect: model.Postgres, Path: "0007_orders.down.sql", SQL: "DROP TABLE IF EXISTS orders;\n", Note: "a down file"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE users DROP COLUMN IF EXISTS nickname;\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action == model.ActCreate && e.Guard == model.GuardOrReplace && e.Object.Kind == model.KindTable &&
				!inDown(e.Stmt) && !e.Temporary {
				p.Report(Finding{Span: e.Span, Stmt: e.Stmt,
					Message: fmt.Sprintf("CREATE OR REPLACE TABLE drops %s and its data on every run, a retried one included", e.Object.Qualified())})
				return
			}
			if e.Action != model.ActDrop || inDown(e.Stmt) || e.Temporary {
				return
			}
			switch e.Object.Kind {
			case model.KindTable, model.KindColumn, model.KindSchema, model.KindDatabase:
			default:
				return
			}
			msg := fmt.Sprintf("%s is dropped: its data is lost", quoted(e.Object))
			if e.Object.Kind == model.KindTable && recreatedLater(p, e) {
				msg = fmt.Sprintf("%s is dropped and created again: every run, a retried one included, empties it", quoted(e.Object))
			}
			p.Report(Finding{Span: e.Span, Message: msg, Stmt: e.Stmt})
		})
	},
}

// recreatedLater reports whether the dropped table is created again later
// in the same section.
func recreatedLater(p *Pass, drop *model.Effect) bool {
	found := false
	p.Effects(func(e *model.Effect) {
		if e.Action == model.ActCreate && e.Span.Start > drop.Span.Start && e.Stmt.Section == drop.Stmt.Section &&
			e.Object.Same(drop.Object, p.Script.Dialect) {
			found = true
		}
	})
	return found
}
