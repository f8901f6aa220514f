package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// NonConvergentUpdate finds updates that change the data again on every run.
var NonConvergentUpdate = &Rule{
	ID:       "non-convergent-update",
	Summary:  "UPDATE or upsert that rewrites a column from its own value (x = x + 1, x = x || 'a')",
	Severity: Error,
	Category: Rerun,
	Help:     "set the final value, or restrict the WHERE to rows not yet updated",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "UPDATE products SET price = price * 100 WHERE currency = 'EUR';\n", Bad: true},
		{Dialect: model.Postgres, SQL: "UPDATE users SET email = lower(email) WHERE email <> lower(email);\n"},
		{Dialect: model.MySQL, SQL: "UPDATE users SET name = CONCAT(name, '-old') WHERE id < 100;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "UPDATE users SET name = CONCAT(name, '-old') WHERE name NOT LIKE '%-old';\n"},
		{Dialect: model.Postgres, SQL: "INSERT INTO counters (k, n) VALUES ('visits', 1)\nON CONFLICT (k) DO UPDATE SET n = counters.n + 1;\n", Bad: true, Note: "the second run meets the row and bumps it again"},
		{Dialect: model.Postgres, SQL: "INSERT INTO counters (k, n) VALUES ('visits', 1)\nON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n;\n"},
		{Dialect: model.MySQL, SQL: "INSERT INTO counters (k, n) VALUES ('visits', 1)\nON DUPLICATE KEY UPDATE n = n + 1;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "INSERT INTO counters (k, n) VALUES ('visits', 1) AS new\nON DUPLICATE KEY UPDATE n = new.n;\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.SelfRef == "" {
				return
			}
			switch e.Action {
			case model.ActUpdate:
				if e.Safe() {
					return
				}
			case model.ActInsert:
				// An upsert's update part runs when the row is already there,
				// which on a second run it is: unless something else keeps
				// the insert from meeting its earlier row (a table created in
				// the section, a DELETE first, an enclosing condition).
				if e.Protection != model.ByInline || emptiedBefore(p.Script, e) {
					return
				}
			default:
				return
			}
			sp := e.Span
			if e.SelfRefSpan.End > e.SelfRefSpan.Start {
				sp = e.SelfRefSpan
			}
			msg := fmt.Sprintf("%s.%s is computed from its own value: every run changes it again", e.Object.Qualified(), e.SelfRef)
			if e.Action == model.ActInsert {
				msg = fmt.Sprintf("%s.%s is computed from the stored row's own value when the upsert meets it: every run after the first meets it and changes it again", e.Object.Qualified(), e.SelfRef)
			}
			if sec := e.Stmt.Section; sec != nil && sec.Repeatable {
				msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
			}
			f := Finding{Span: sp, Message: msg, Stmt: e.Stmt}
			if e.Action == model.ActInsert {
				f.Help = dialectHelp(p.Script.Dialect, "take the value from the proposed row (SET n = EXCLUDED.n) or a constant, or add WHERE on the column to the DO UPDATE",
					"take the value from the proposed row (n = VALUES(n), or n = new.n with INSERT ... AS new) or a constant", "take the value from the proposed row (n = VALUES(n)) or a constant")
			}
			p.Report(f)
		})
	},
}

// emptiedBefore reports whether an upsert's table starts the second run
// empty or not at all, or an enclosing condition may skip it: an earlier
// CREATE TABLE without IF NOT EXISTS (a second run fails there, or makes
// it anew), DROP TABLE, TRUNCATE or DELETE without WHERE in the section.
func emptiedBefore(s *model.Script, e *model.Effect) bool {
	sec := e.Stmt.Section
	if len(e.Stmt.Guards) > 0 || (sec != nil && len(sec.Preconditions) > 0) {
		return true
	}
	found, done := false, false
	s.Walk(func(st *model.Statement) {
		if done || st.Section != sec {
			return
		}
		for _, x := range st.Effects {
			if x == e {
				done = true
				return
			}
			if x.Object.Kind != model.KindTable || !x.Object.Same(e.Object, s.Dialect) {
				continue
			}
			switch x.Action {
			case model.ActCreate:
				found = found || x.Guard != model.GuardIfNotExists
			case model.ActDrop, model.ActTruncate:
				found = true
			case model.ActDelete:
				found = found || !x.HasWhere
			}
		}
	})
	return found
}
