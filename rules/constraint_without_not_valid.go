package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// ConstraintWithoutNotValid finds ADD FOREIGN KEY and ADD CHECK that
// check every existing row while holding their lock.
var ConstraintWithoutNotValid = &Rule{
	ID:       "constraint-without-not-valid",
	Summary:  "ADD FOREIGN KEY or ADD CHECK without NOT VALID on an existing table: every row is checked under the lock",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "add the constraint NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if op.NotValid || !live(op) {
				return
			}
			mode := op.PostgresMode()
			switch op.Kind {
			case model.LockAddForeignKey:
				locked := tableName(op)
				if op.Ref.Name != "" {
					locked += " and on " + op.Ref.Qualified()
				}
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("ADD FOREIGN KEY without NOT VALID takes %s, while it checks every row of %s (time grows with its size)%s",
						lockPhrase(mode, locked), tableName(op), originNote(op))})
			case model.LockAddCheck:
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("ADD CHECK without NOT VALID takes %s, while it checks every row (time grows with the table's size)%s",
						lockPhrase(mode, tableName(op)), originNote(op))})
			}
		})
	},
}
