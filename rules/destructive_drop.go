package rules

import (
	"fmt"
	"slices"

	"github.com/idemlint/idemlint/parser/model"
)

// DestructiveDrop finds drops that lose data.
var DestructiveDrop = &Rule{
	ID:       "destructive-drop",
	Summary:  "DROP TABLE / COLUMN / SCHEMA / DATABASE loses data",
	Severity: Warning,
	Category: Destructive,
	Help:     "make sure the data is no longer needed (or copied elsewhere) before dropping it",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "DROP TABLE IF EXISTS legacy_orders;\n", Bad: true},
		{Dialect: model.Postgres, Path: "0007_orders.down.sql", SQL: "DROP TABLE IF EXISTS orders;\n", Note: "a down file"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE users DROP COLUMN IF EXISTS nickname;\n", Bad: true},
	},
	Run: func(p *Pass) {
		recreated := recreatedLater(p)
		p.Effects(func(e *model.Effect) {
			if e.Action == model.ActCreate && e.Guard == model.GuardOrReplace && e.Object.Kind == model.KindTable &&
				!inDown(e.Stmt) && !e.Temporary {
				p.Report(Finding{Span: e.Span, Stmt: e.Stmt,
					Message: fmt.Sprintf("CREATE OR REPLACE TABLE drops %s and its data on every run, a retried one included", e.Object.Qualified())})
				return
			}
			if e.Action != model.ActDrop || inDown(e.Stmt) || e.Temporary {
				return
			}
			switch e.Object.Kind {
			case model.KindTable, model.KindColumn, model.KindSchema, model.KindDatabase:
			default:
				return
			}
			msg := fmt.Sprintf("%s is dropped: its data is lost", quoted(e.Object))
			if e.Object.Kind == model.KindTable && recreated[e] {
				msg = fmt.Sprintf("%s is dropped and created again: every run, a retried one included, empties it", quoted(e.Object))
			}
			p.Report(Finding{Span: e.Span, Message: msg, Stmt: e.Stmt})
		})
	},
}

// recreatedLater finds the table drops whose table is created again later
// in the same section. One sweep from the end of the file, so a file that
// drops and re-creates one table a thousand times stays linear.
func recreatedLater(p *Pass) map[*model.Effect]bool {
	var drops, creates []*model.Effect
	p.Effects(func(e *model.Effect) {
		switch {
		case e.Action == model.ActDrop && e.Object.Kind == model.KindTable:
			drops = append(drops, e)
		case e.Action == model.ActCreate:
			creates = append(creates, e)
		}
	})
	if len(drops) == 0 || len(creates) == 0 {
		return nil
	}
	byStart := func(a, b *model.Effect) int { return a.Span.Start - b.Span.Start }
	slices.SortStableFunc(drops, byStart)
	slices.SortStableFunc(creates, byStart)
	later := map[*model.Section]model.ObjectSet{}
	out := map[*model.Effect]bool{}
	c := len(creates) - 1
	for i := len(drops) - 1; i >= 0; i-- {
		d := drops[i]
		for ; c >= 0 && creates[c].Span.Start > d.Span.Start; c-- {
			sec := creates[c].Stmt.Section
			if later[sec] == nil {
				later[sec] = model.ObjectSet{}
			}
			later[sec].Add(creates[c].Object)
		}
		if later[d.Stmt.Section].Has(d.Object, p.Script.Dialect) {
			out[d] = true
		}
	}
	return out
}
