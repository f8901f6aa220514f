package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// NonConvergentUpdate finds updates that change the data again on every run.
var NonConvergentUpdate = &Rule{
	ID:       "non-convergent-update",
	Summary:  "UPDATE that rewrites a column from its own value (x = x + 1, x = x || 'a')",
	Severity: Error,
	Category: Rerun,
	Help:     "set the final value, or restrict the WHERE to rows not yet updated",
	Doc: `## What it finds

An ` + "`UPDATE`" + ` whose ` + "`SET`" + ` computes a column from its own current value through
arithmetic, concatenation or an append: ` + "`x = x + 1`" + `, ` + "`x = x * 100`" + `,
` + "`x = x || 'a'`" + `, ` + "`x = CONCAT(x, 'a')`" + `, ` + "`x = array_append(x, 'a')`" + `.
Functions that give the same result when applied twice (` + "`lower(x)`" + `, ` + "`trim(x)`" + `,
` + "`coalesce(x, 0)`" + `) are fine. An update whose ` + "`WHERE`" + ` tests the rewritten column
is taken to select only rows not yet converted.

## Why it bites on re-run

Nothing fails: the second run multiplies the prices by 100 again, appends the
suffix twice, bumps the counter again. The data quietly diverges.

## How to fix it

Write the target value (` + "`SET price_cents = price * 100`" + ` into a new column), or
limit the update to unconverted rows (` + "`WHERE name NOT LIKE '%-archived'`" + `), or
record progress in a marker column.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "UPDATE products SET price = price * 100 WHERE currency = 'EUR';\n", Bad: true},
		{Dialect: model.Postgres, SQL: "UPDATE users SET email = lower(email) WHERE email <> lower(email);\n"},
		{Dialect: model.MySQL, SQL: "UPDATE users SET name = CONCAT(name, '-old') WHERE id < 100;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "UPDATE users SET name = CONCAT(name, '-old') WHERE name NOT LIKE '%-old';\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActUpdate || e.SelfRef == "" || e.Safe() {
				return
			}
			sp := e.Span
			if e.SelfRefSpan.End > e.SelfRefSpan.Start {
				sp = e.SelfRefSpan
			}
			msg := fmt.Sprintf("%s.%s is computed from its own value: every run changes it again", e.Object.Qualified(), e.SelfRef)
			if sec := e.Stmt.Section; sec != nil && sec.Repeatable {
				msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
			}
			p.Report(Finding{Span: sp, Message: msg, Stmt: e.Stmt})
		})
	},
}
