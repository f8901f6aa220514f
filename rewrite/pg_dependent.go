package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// DropFirst writes, before st (a DROP, a column type change), a DROP ...
// IF EXISTS of each object that makes, in the order given, so that a
// second run removes what depends on st's object before st meets it; the
// statements that made them make them again further on. False when one of
// them is not a view, materialized view or trigger (dropping a table, a
// column or a constraint would lose data), is made before st (nothing
// would make it again), outside PostgreSQL, or where the frame cannot be
// written (a nested statement).
func (r *Rewriter) DropFirst(st *model.Statement, makes []*model.Effect) (Fix, bool) {
	if r.s.Dialect != model.Postgres || len(makes) == 0 {
		return Fix{}, false
	}
	f, ok := r.stmtFrame(st)
	if !ok || !f.lineStart {
		return Fix{}, false
	}
	var text strings.Builder
	var names []string
	for _, made := range makes {
		stmt, ok := f.dropStatement(made.Object)
		if !ok || made.Span.Start < st.Span.End {
			return Fix{}, false
		}
		text.WriteString(stmt + ";" + f.eol + f.indent)
		names = append(names, made.Object.Kind.String()+" "+made.Object.Qualified())
	}
	return Fix{
		Message: "drop " + strings.Join(names, ", ") + " first",
		Edits:   []model.Edit{{Start: st.Span.Start, End: st.Span.Start, Text: text.String()}},
	}, true
}

// dropStatement writes DROP ... IF EXISTS of a view, materialized view or
// trigger, without its terminator.
func (f *frame) dropStatement(o model.Object) (string, bool) {
	name := pgIdent(o.Name)
	if o.Schema != "" {
		name = pgIdent(o.Schema) + "." + name
	}
	switch o.Kind {
	case model.KindView:
		return f.kw("DROP VIEW IF EXISTS ") + name, true
	case model.KindMatView:
		return f.kw("DROP MATERIALIZED VIEW IF EXISTS ") + name, true
	case model.KindTrigger:
		table := pgIdent(o.Table)
		if o.Schema != "" {
			table = pgIdent(o.Schema) + "." + table
		}
		return f.kw("DROP TRIGGER IF EXISTS ") + pgIdent(o.Name) + f.kw(" ON ") + table, true
	}
	return "", false
}

// DroppedBetween lists the DROPs of made's object written without a guard
// between st and made, in the order the index keeps: a fix that drops the
// object before st makes them fail on the first run.
func (r *Rewriter) DroppedBetween(st *model.Statement, made *model.Effect) []*model.Effect {
	var out []*model.Effect
	for _, n := range r.nameIndex().named(made.Object.Name, r.s.Dialect, false) {
		x := n.x
		if x.Action == model.ActDrop && x.Guard == model.GuardNone && x.Span.Start > st.Span.Start &&
			x.Span.Start < made.Span.Start && x.Object.Same(made.Object, r.s.Dialect) {
			out = append(out, x)
		}
	}
	return out
}
