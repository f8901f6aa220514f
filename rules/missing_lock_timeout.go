package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// MissingLockTimeout finds a migration that takes a strong lock on an
// existing table with no lock_timeout set: while it waits for the lock,
// every query on the table queues behind it.
var MissingLockTimeout = &Rule{
	ID:       "missing-lock-timeout",
	Summary:  "a lock of SHARE or stronger on an existing table with no SET lock_timeout before it: the queue behind it blocks the table",
	Severity: Warning,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "start the migration with SET lock_timeout = '5s' (SET LOCAL inside a transaction) and retry it when it times out",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n"},
	},
	Run: func(p *Pass) {
		if p.Config != nil && p.Config.LockTimeoutSet {
			return
		}
		var sec *model.Section
		set := false
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if st.Section != sec {
				// Each section runs on its own (a rollback much later).
				sec, set = st.Section, false
			}
			if op.Kind == model.LockTimeout {
				set = op.Setting != "0" && op.Setting != "default"
				return
			}
			mode := op.PostgresMode()
			if set || !live(op) || !model.StrongMode(mode) || p.reported() {
				return
			}
			p.Report(Finding{Span: op.Span, Stmt: st,
				Message: fmt.Sprintf("%s takes %s, and no lock_timeout is set: while it waits for a running query to finish, every query on the table waits behind it%s",
					st.Tag, lockPhrase(mode, tableName(op)), originNote(op))})
		})
	},
}

// reported reports whether the running rule has reported already.
func (p *Pass) reported() bool { return len(p.out) > 0 }
