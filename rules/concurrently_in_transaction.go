package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// ConcurrentlyInTransaction finds statements PostgreSQL refuses inside a
// transaction block, in files that run in one.
var ConcurrentlyInTransaction = &Rule{
	ID:       "concurrently-in-transaction",
	Summary:  "CREATE/DROP INDEX CONCURRENTLY (and similar) in a file that runs inside a transaction",
	Severity: Error,
	Category: Transaction,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "run the statement outside a transaction: its own migration with the framework's no-transaction marker",
	Examples: []Example{
		{Dialect: model.Postgres, Path: "20240101_idx.sql", SQL: "-- +goose Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);\n", Bad: true},
		{Dialect: model.Postgres, Path: "20240101_idx.sql", SQL: "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);\n"},
		{Dialect: model.Postgres, SQL: "BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);\nCOMMIT;\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.Script.Walk(func(st *model.Statement) {
			if !st.NoTx || st.Parent != nil {
				return
			}
			why := ""
			switch {
			case st.InExplicitTx:
				why = "it follows an explicit BEGIN"
			case st.Section != nil && st.Section.InTransaction:
				why = fmt.Sprintf("%s runs this migration in a transaction", frameworkName(p.Script.Framework))
			default:
				return
			}
			p.Report(Finding{Span: st.NoTxSpan, Stmt: st,
				Message: fmt.Sprintf("%s cannot run inside a transaction block, and %s", st.NoTxReason, why),
				Help:    noTxHelp(p.Script.Framework, st.InExplicitTx, inDown(st))})
		})
	},
}

func frameworkName(f model.Framework) string {
	if f == model.FrameworkNone || f == model.FrameworkUndefined {
		return "the framework"
	}
	return string(f)
}

func noTxHelp(f model.Framework, explicit, down bool) string {
	if explicit {
		return "move the statement out of the BEGIN ... COMMIT block"
	}
	switch f {
	case model.Goose:
		return "put it in its own migration that starts with -- +goose NO TRANSACTION"
	case model.Dbmate:
		// The option sits on the marker of the section the statement is in.
		if down {
			return "put it in its own migration with -- migrate:down transaction:false"
		}
		return "put it in its own migration with -- migrate:up transaction:false"
	case model.Sqlx:
		return "put it in its own migration whose first line is -- no-transaction"
	case model.Liquibase:
		return "give its changeset runInTransaction:false"
	case model.Diesel:
		return "put it in its own migration with run_in_transaction = false in metadata.toml"
	case model.GolangMigrate, model.Prisma, model.Flyway:
		return "put it alone in its own migration file, so it is not sent as part of a multi-statement transaction"
	case model.Atlas:
		return "put it in its own file with -- atlas:txmode none"
	}
	return "run the statement outside a transaction"
}
