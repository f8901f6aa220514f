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
