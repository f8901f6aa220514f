package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// UniqueWithoutIndex finds ADD UNIQUE and ADD PRIMARY KEY that build
// their index under ACCESS EXCLUSIVE instead of adopting one built
// concurrently.
var UniqueWithoutIndex = &Rule{
	ID:       "unique-without-index",
	Summary:  "ADD UNIQUE or ADD PRIMARY KEY on an existing table builds its index under ACCESS EXCLUSIVE instead of USING INDEX",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "CREATE UNIQUE INDEX CONCURRENTLY first (outside a transaction), then ADD CONSTRAINT name UNIQUE USING INDEX index_name (PRIMARY KEY USING INDEX: its columns must be NOT NULL already)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;\n",
			Note: "users_email_idx was built with CREATE UNIQUE INDEX CONCURRENTLY in an earlier migration"},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if (op.Kind != model.LockAddUnique && op.Kind != model.LockAddPrimaryKey) || op.UsingIndex || !live(op) {
				return
			}
			what := "ADD UNIQUE"
			if op.Kind == model.LockAddPrimaryKey {
				what = "ADD PRIMARY KEY"
			}
			p.Report(Finding{Span: op.Span, Stmt: st,
				Message: fmt.Sprintf("%s builds its index while holding %s, for as long as the whole table is read and sorted (time grows with its size)%s",
					what, lockPhrase(op.PostgresMode(), tableName(op)), originNote(op))})
		})
	},
}
