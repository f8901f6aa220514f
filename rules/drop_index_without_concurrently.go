package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// DropIndexWithoutConcurrently finds DROP INDEX without CONCURRENTLY on
// an index of a table in use.
var DropIndexWithoutConcurrently = &Rule{
	ID:       "drop-index-without-concurrently",
	Summary:  "DROP INDEX without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the index's table, queued behind every running query",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "write DROP INDEX CONCURRENTLY IF EXISTS, in a migration that runs outside a transaction",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DROP INDEX IF EXISTS orders_user_idx;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;\n"},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if op.Kind != model.LockDropIndex || op.Concurrently || !live(op) {
				return
			}
			p.Report(Finding{Span: op.Span, Stmt: st,
				Message: fmt.Sprintf("DROP INDEX %s without CONCURRENTLY takes %s: it waits for every query on the table to finish, and every query after it waits for it%s",
					op.Index.Qualified(), lockPhrase(op.PostgresMode(), tableName(op)), originNote(op))})
		})
	},
}
