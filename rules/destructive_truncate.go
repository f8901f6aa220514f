package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// DestructiveTruncate finds TRUNCATE.
var DestructiveTruncate = &Rule{
	ID:       "destructive-truncate",
	Summary:  "TRUNCATE removes every row",
	Severity: Warning,
	Category: Destructive,
	Help:     "delete only the rows the migration means to remove, with a WHERE",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "TRUNCATE sessions;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "DELETE FROM sessions WHERE expires_at < now();\n"},
		{Dialect: model.MySQL, SQL: "TRUNCATE TABLE sessions;\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActTruncate || inDown(e.Stmt) {
				return
			}
			p.Report(Finding{Span: e.Span, Stmt: e.Stmt, Message: fmt.Sprintf("TRUNCATE removes every row of %s", e.Object.Qualified())})
		})
	},
}
