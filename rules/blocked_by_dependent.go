package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// BlockedByDependent finds DROPs that a second run cannot do because the
// migration itself makes, further on, something that depends on what they
// drop.
var BlockedByDependent = &Rule{
	ID:       "blocked-by-dependent",
	Summary:  "DROP without CASCADE of an object that something the migration makes further on depends on: a second run fails there",
	Severity: Error,
	Category: Rerun,
	Dialects: []model.Dialect{model.Postgres},
	Fixable:  []model.Dialect{model.Postgres},
	Help:     "drop what depends on it first (views and triggers: DROP ... IF EXISTS before this statement), or drop it with CASCADE when the migration makes again everything that depends on it",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, name FROM t;\nCREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM v;\n", Bad: true,
			Fixed: "DROP MATERIALIZED VIEW IF EXISTS mv;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, name FROM t;\nCREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM v;\n"},
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS parent;\nCREATE TABLE parent (id int PRIMARY KEY);\nDROP TABLE IF EXISTS child;\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n", Bad: true, Note: "the second run finds child's foreign key on parent"},
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS child;\nDROP TABLE IF EXISTS parent;\nCREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n", Note: "dependents are dropped first"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			made := e.Blocker
			if made == nil || e.Action != model.ActDrop {
				return
			}
			msg := fmt.Sprintf("a second run fails at this DROP: %s, which the migration %s further on (line %d), %s, and PostgreSQL does not drop what other objects depend on (2BP01)",
				made.Object, madeVerb(made), p.Script.Lines.Line(made.Span.Start), dependsPhrase(made, e.Object, p.Script.Dialect))
			if sec := e.Stmt.Section; sec != nil && sec.Repeatable {
				msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
			}
			f := Finding{Span: e.Span, Message: msg, Stmt: e.Stmt}
			if p.rule.FixesIn(p.Script.Dialect) {
				if rw, ok := p.rw.DropFirst(e, made); ok {
					f.Fix = &Fix{Message: rw.Message, Edits: rw.Edits}
				}
			}
			p.Report(f)
		})
	},
}

func madeVerb(made *model.Effect) string {
	if made.Action == model.ActAdd {
		return "adds"
	}
	return "creates"
}

// dependsPhrase says how made depends on o, from the first of its
// dependencies that names o.
func dependsPhrase(made *model.Effect, o model.Object, d model.Dialect) string {
	for _, dep := range made.DependsOn {
		if !dep.Same(o, d) {
			continue
		}
		switch dep.Kind {
		case model.KindTable:
			return "references " + o.String() + " with a foreign key"
		case model.KindType:
			return "has a column of " + o.String()
		case model.KindSequence:
			return "takes a column default from " + o.String()
		case model.KindFunction:
			return "calls " + o.String()
		}
		return "reads " + o.String()
	}
	return "depends on " + o.String()
}
