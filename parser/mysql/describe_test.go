package mysql

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// describe renders a statement's kind and effects compactly for table tests:
// "ddl ALTER TABLE | add column t.c @2:3 | create index t.i IF NOT EXISTS@3:14 @3:3 fix@3:14+IF NOT EXISTS".
func describe(s *model.Script, st *model.Statement) string {
	parts := []string{st.Kind.String() + " " + st.Tag}
	if st.Tx != model.TxNone {
		parts[0] += fmt.Sprintf(" tx%d", st.Tx)
	}
	if st.Err != nil {
		parts = append(parts, "error@"+at(s, st.Err.Pos))
	}
	if st.Exec != nil {
		parts = append(parts, fmt.Sprintf("exec %s%s", st.Exec.Routine.Name, st.Exec.Prepared))
	}
	for _, e := range st.Effects {
		parts = append(parts, describeEffect(s, e))
	}
	return strings.Join(parts, " | ")
}

func describeEffect(s *model.Script, e *model.Effect) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", e.Action, e.Object.Kind, e.Object.Qualified())
	if e.Object.Kind != model.KindTable && e.Object.Table != "" && e.Object.Table == e.Object.Name {
		fmt.Fprintf(&b, "(on %s)", e.Object.Table)
	}
	if e.Guard != model.GuardNone {
		fmt.Fprintf(&b, " %s@%s", e.Guard, at(s, e.GuardSpan.Start))
	}
	fmt.Fprintf(&b, " @%s", spanOf(s, e.Span))
	if e.Temporary {
		b.WriteString(" temporary")
	}
	if e.Unnamed {
		b.WriteString(" unnamed")
	}
	if e.HasWhere {
		b.WriteString(" where")
	}
	if e.SelfRef != "" {
		fmt.Fprintf(&b, " selfref=%s@%s", e.SelfRef, spanOf(s, e.SelfRefSpan))
	}
	if e.NewName != "" {
		b.WriteString(" ->" + e.NewName)
	}
	if len(e.Keys) > 0 {
		b.WriteString(" keys=" + strings.Join(e.Keys, ","))
	}
	for _, f := range e.Fixes {
		fmt.Fprintf(&b, " fix@%s+%q", at(s, f.Start), f.Text)
	}
	return b.String()
}

// describePred renders a predicate: "choice column t.c absent @2:5-2:40".
func describePred(s *model.Script, p *model.Predicate) string {
	src := map[model.PredSource]string{model.PredCondition: "if", model.PredElse: "else", model.PredChoice: "choice",
		model.PredHandler: "handler", model.PredPrecondition: "precondition"}[p.Source]
	var what string
	switch {
	case p.Source == model.PredHandler:
		what = "catches=" + model.DescribeCatches(p.Catches)
	case !p.Known:
		what = "unknown"
	case p.Exists:
		what = p.Object.String() + " exists"
	default:
		what = p.Object.String() + " absent"
	}
	return fmt.Sprintf("%s %s @%s", src, what, spanOf(s, p.Span))
}

// tree renders statements with their children, guards and routines, one
// line each, indented by nesting.
func tree(s *model.Script) string {
	var b strings.Builder
	var walk func(list []*model.Statement, ind string)
	walk = func(list []*model.Statement, ind string) {
		for _, st := range list {
			fmt.Fprintf(&b, "%s%s %s\n", ind, spanOf(s, st.Span), describe(s, st))
			for _, g := range st.Guards {
				fmt.Fprintf(&b, "%s  guard %s\n", ind, describePred(s, g))
			}
			if r := st.Routine; r != nil {
				fmt.Fprintf(&b, "%s  routine %s anonymous=%v read=%v\n", ind, r.Name, r.Anonymous, r.BodyRead)
			}
			walk(st.Children, ind+"    ")
		}
	}
	walk(s.Statements, "")
	return b.String()
}
