package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// SetNotNullWithoutCheck finds SET NOT NULL on an existing table that no
// validated CHECK (col IS NOT NULL) spares the scan.
var SetNotNullWithoutCheck = &Rule{
	ID:       "set-not-null-without-check",
	Summary:  "ALTER COLUMN ... SET NOT NULL on an existing table without a validated CHECK (col IS NOT NULL): every row is scanned under ACCESS EXCLUSIVE",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "first ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT c in a later transaction; SET NOT NULL then skips the scan (PostgreSQL 12+), and the check can be dropped",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_status_nn CHECK (status IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
			Note: "in practice the VALIDATE runs in a transaction of its own, after the NOT VALID one has committed"},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if op.Kind != model.LockSetNotNull || op.NotNullOK || !live(op) {
				return
			}
			p.Report(Finding{Span: op.Span, Stmt: st,
				Message: fmt.Sprintf("SET NOT NULL on %s.%s takes %s, while it scans every row for NULLs (time grows with the table's size)%s",
					op.Table.Qualified(), op.Column, lockPhrase(op.PostgresMode(), tableName(op)), originNote(op))})
		})
	},
}
