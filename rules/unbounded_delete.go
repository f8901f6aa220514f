package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// UnboundedDelete finds DELETE without WHERE.
var UnboundedDelete = &Rule{
	ID:       "unbounded-delete",
	Summary:  "DELETE without WHERE removes every row",
	Severity: Warning,
	Category: Destructive,
	Help:     "add a WHERE clause naming the rows to remove",
	Doc: `## What it finds

` + "`DELETE FROM t`" + ` with no ` + "`WHERE`" + `, in an up section or a plain file.

## Why it matters

It empties the table on every run, rows written since the first run
included. It is usually a missing ` + "`WHERE`" + `.

## How to fix it

Name the rows: ` + "`DELETE FROM sessions WHERE expires_at < now()`" + `. If emptying
the table is the point, say so with a suppression and a reason.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DELETE FROM sessions;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "DELETE FROM sessions WHERE expires_at < now();\n"},
		{Dialect: model.MySQL, SQL: "DELETE FROM sessions;\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActDelete || e.HasWhere || inDown(e.Stmt) || e.Protection == model.ByTemporary || e.Protection == model.ByFresh {
				return
			}
			p.Report(Finding{Span: e.Span, Stmt: e.Stmt, Message: fmt.Sprintf("DELETE without WHERE removes every row of %s", e.Object.Qualified())})
		})
	},
}
