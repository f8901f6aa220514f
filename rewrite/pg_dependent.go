package rewrite

import (
	"github.com/idemlint/idemlint/parser/model"
)

// DropFirst writes, before the DROP e, a DROP ... IF EXISTS of the view,
// materialized view or trigger that made blocks it, so that a second run
// removes the dependent before the DROP meets it; the statement that made
// it makes it again further on. False for other dependents (a table, a
// column, a constraint: dropping them would lose data), outside
// PostgreSQL, or where the frame cannot be written (a nested statement).
func (r *Rewriter) DropFirst(e, made *model.Effect) (Fix, bool) {
	if r.s.Dialect != model.Postgres || made == nil {
		return Fix{}, false
	}
	f, ok := r.frame(e)
	if !ok || !f.lineStart {
		return Fix{}, false
	}
	o := made.Object
	name := pgIdent(o.Name)
	if o.Schema != "" {
		name = pgIdent(o.Schema) + "." + name
	}
	var stmt string
	switch o.Kind {
	case model.KindView:
		stmt = f.kw("DROP VIEW IF EXISTS ") + name
	case model.KindMatView:
		stmt = f.kw("DROP MATERIALIZED VIEW IF EXISTS ") + name
	case model.KindTrigger:
		table := pgIdent(o.Table)
		if o.Schema != "" {
			table = pgIdent(o.Schema) + "." + table
		}
		stmt = f.kw("DROP TRIGGER IF EXISTS ") + pgIdent(o.Name) + f.kw(" ON ") + table
	default:
		return Fix{}, false
	}
	sp := e.Stmt.Span
	return Fix{
		Message: "drop " + o.Kind.String() + " " + o.Qualified() + " first",
		Edits:   []model.Edit{{Start: sp.Start, End: sp.Start, Text: stmt + ";" + f.eol + f.indent}},
	}, true
}
