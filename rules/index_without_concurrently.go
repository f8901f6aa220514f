package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// IndexWithoutConcurrently finds CREATE INDEX and REINDEX without
// CONCURRENTLY on a table in use.
var IndexWithoutConcurrently = &Rule{
	ID:       "index-without-concurrently",
	Summary:  "CREATE INDEX or REINDEX without CONCURRENTLY on an existing table: writes wait while the whole table is read",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "write CREATE INDEX CONCURRENTLY (REINDEX ... CONCURRENTLY), in a migration that runs outside a transaction",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "CREATE INDEX IF NOT EXISTS orders_user_idx ON orders (user_id);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);\n"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY, user_id bigint);\nCREATE INDEX IF NOT EXISTS carts_user_idx ON carts (user_id);\n",
			Note: "a table created in the same migration is new and empty"},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if op.Concurrently || !live(op) {
				return
			}
			switch op.Kind {
			case model.LockCreateIndex:
				what := "CREATE INDEX"
				if op.Unique {
					what = "CREATE UNIQUE INDEX"
				}
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("%s without CONCURRENTLY takes %s, for as long as the whole table is read and sorted (time grows with its size)%s",
						what, lockPhrase(op.PostgresMode(), tableName(op)), originNote(op))})
			case model.LockReindex:
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("REINDEX without CONCURRENTLY takes %s, and an ACCESS EXCLUSIVE lock on each index it rebuilds (queries that would use it wait), for as long as the table is read (time grows with its size)%s",
						lockPhrase(op.PostgresMode(), tableName(op)), originNote(op)),
					Help: "write REINDEX (CONCURRENTLY) or REINDEX ... CONCURRENTLY (PostgreSQL 12+), outside a transaction"})
			}
		})
	},
}
