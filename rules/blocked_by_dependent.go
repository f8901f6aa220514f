package rules

import (
	"fmt"
	"sort"

	"github.com/idemlint/idemlint/parser/model"
)

// BlockedByDependent finds DROPs and column type changes that a second
// run cannot do because the migration itself makes, further on,
// something that depends on what they drop or change.
var BlockedByDependent = &Rule{
	ID:       "blocked-by-dependent",
	Summary:  "DROP without CASCADE, or column type change, of what something the migration makes further on depends on: a second run fails there",
	Severity: Error,
	Category: Rerun,
	Dialects: []model.Dialect{model.Postgres, model.MySQL},
	Fixable:  []model.Dialect{model.Postgres},
	Help:     "drop what depends on it first (views and triggers: DROP ... IF EXISTS before this statement; a table that references or inherits from another before that one), or, on PostgreSQL, drop it with CASCADE when the migration makes again everything that depends on it",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, name FROM t;\nCREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM v;\n", Bad: true,
			Fixed: "DROP MATERIALIZED VIEW IF EXISTS mv;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, name FROM t;\nCREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM v;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE accounts ALTER COLUMN name TYPE text;\nDROP VIEW IF EXISTS account_names;\nCREATE VIEW account_names AS SELECT id, name FROM accounts;\n", Bad: true,
			Fixed: "DROP VIEW IF EXISTS account_names;\nALTER TABLE accounts ALTER COLUMN name TYPE text;\nDROP VIEW IF EXISTS account_names;\nCREATE VIEW account_names AS SELECT id, name FROM accounts;\n",
			Note:  "the second run finds the view reading the column whose type it changes"},
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS parent;\nCREATE TABLE parent (id int PRIMARY KEY);\nDROP TABLE IF EXISTS child;\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n", Bad: true, Note: "the second run finds child's foreign key on parent"},
		{Dialect: model.MySQL, SQL: "DROP TABLE IF EXISTS users;\nCREATE TABLE users (id INT PRIMARY KEY);\nDROP TABLE IF EXISTS orders;\nCREATE TABLE orders (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));\n", Bad: true, Note: "the second run finds orders' foreign key on users"},
		{Dialect: model.MySQL, SQL: "SET FOREIGN_KEY_CHECKS = 0;\nDROP TABLE IF EXISTS users;\nCREATE TABLE users (id INT PRIMARY KEY);\nDROP TABLE IF EXISTS orders;\nCREATE TABLE orders (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));\nSET FOREIGN_KEY_CHECKS = 1;\n", Note: "with foreign_key_checks off, a foreign key keeps no table"},
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS child;\nDROP TABLE IF EXISTS parent;\nCREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n", Note: "dependents are dropped first"},
	},
	Run: func(p *Pass) {
		p.Script.Walk(func(st *model.Statement) {
			for _, b := range st.Blocks {
				p.reportBlock(st, b)
			}
		})
	},
}

func (p *Pass) reportBlock(st *model.Statement, b model.Block) {
	made := b.By
	clause, refuses := "DROP", "does not drop what other objects depend on"
	switch b.Code {
	case "0A000":
		clause, refuses = "type change", "does not change the type of a column a view reads"
	case "3730", "1451":
		refuses = "does not drop a table a foreign key references while foreign_key_checks is on"
	}
	msg := fmt.Sprintf("a second run fails at this %s: %s, which the migration %s further on (line %d), %s, and %s %s (%s)",
		clause, made.Object, madeVerb(made), p.Script.Lines.Line(made.Span.Start), dependsPhrase(made, b.Object, p.Script.Dialect),
		serverName(p.Script.Target), refuses, b.Code)
	if sec := st.Section; sec != nil && sec.Repeatable {
		msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
	}
	f := Finding{Span: b.Span, Message: msg, Stmt: st}
	if p.rule.FixesIn(p.Script.Dialect) {
		f.Fix = p.dropFirst(st, b.DropFirst)
	}
	p.Report(f)
}

// dropFirst is the fix that drops the dependents before st. A DROP of one
// of them between st and where it is made again, written without IF
// EXISTS, would then fail on the first run: it gets IF EXISTS in the same
// fix, and without that keyword to offer there is no fix.
func (p *Pass) dropFirst(st *model.Statement, makes []*model.Effect) *Fix {
	rw, ok := p.rw.DropFirst(st, makes)
	if !ok {
		return nil
	}
	fix := &Fix{Message: rw.Message, Edits: rw.Edits}
	// The DROPs further on, each once, in file order.
	seen := map[*model.Effect]bool{}
	var later []*model.Effect
	for _, made := range makes {
		for _, e := range p.rw.DroppedBetween(st, made) {
			if !seen[e] {
				seen[e] = true
				later = append(later, e)
			}
		}
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].Span.Start < later[j].Span.Start })
	guarded := 0
	for _, e := range later {
		lf := p.fixOf(e)
		if lf == nil || e.Stmt.Parent != nil {
			return nil
		}
		fix.Edits = append(fix.Edits, lf.Edits...)
		guarded++
	}
	if guarded > 0 {
		fix.Message += ", and write IF EXISTS on its DROP further on"
		if guarded > 1 {
			fix.Message = rw.Message + ", and write IF EXISTS on their DROPs further on"
		}
	}
	return fix
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
		if !dep.Covers(o, d, true) {
			continue
		}
		switch dep.Kind {
		case model.KindTable:
			return "references " + o.String() + " with a foreign key"
		case model.KindType:
			// A table's columns or the table itself (CREATE TABLE ... OF).
			if made.Object.Kind == model.KindColumn {
				return "is of " + o.String()
			}
			return "uses " + o.String()
		case model.KindSequence:
			return "takes a column default from " + o.String()
		case model.KindFunction:
			return "calls " + o.String()
		case model.KindRelation:
			if made.Object.Kind == model.KindTable {
				return "inherits from " + o.String()
			}
		}
		return "reads " + o.String()
	}
	return "depends on " + o.String()
}
