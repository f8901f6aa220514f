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
