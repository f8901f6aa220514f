package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// UnboundedUpdate finds UPDATE without WHERE.
var UnboundedUpdate = &Rule{
	ID:       "unbounded-update",
	Summary:  "UPDATE without WHERE rewrites every row",
	Severity: Warning,
	Category: Destructive,
	Help:     "add a WHERE clause naming the rows to change",
	Doc: `## What it finds

` + "`UPDATE t SET ...`" + ` with no ` + "`WHERE`" + `, in an up section or a plain file.

## Why it matters

A re-run overwrites every row again, including rows the application has
changed since the first run; a backfill meant for old rows clobbers new ones.

## How to fix it

Restrict it to the rows that need it, usually those not yet set:
` + "`UPDATE users SET locale = 'en' WHERE locale IS NULL`" + `.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "UPDATE users SET locale = 'en';\n", Bad: true},
		{Dialect: model.Postgres, SQL: "UPDATE users SET locale = 'en' WHERE locale IS NULL;\n"},
		{Dialect: model.MySQL, SQL: "UPDATE users SET locale = 'en';\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActUpdate || e.HasWhere || inDown(e.Stmt) || e.Protection == model.ByTemporary || e.Protection == model.ByFresh {
				return
			}
			p.Report(Finding{Span: e.Span, Stmt: e.Stmt, Message: fmt.Sprintf("UPDATE without WHERE rewrites every row of %s", e.Object.Qualified())})
		})
	},
}
