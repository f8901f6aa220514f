package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

func myRoutine(k model.ObjectKind) bool {
	switch k {
	case model.KindTrigger, model.KindFunction, model.KindProcedure, model.KindEvent:
		return true
	}
	return false
}

// myDropFirst writes DROP <kind> IF EXISTS name right before a CREATE
// TRIGGER / FUNCTION / PROCEDURE / EVENT that MySQL cannot guard with a
// keyword: before 8.0.29 there is no CREATE ... IF NOT EXISTS for
// routines and triggers, and MySQL never has CREATE OR REPLACE for them
// (MariaDB's words, which a mysql target rejects, are taken out). On a
// first run the object is missing and the DROP does nothing, so the
// CREATE does what it did; on a second run the DROP makes room. That is
// what OR REPLACE does; IF NOT EXISTS would keep an older body, which no
// first run meets. MySQL has DROP ... IF EXISTS for all four from 5.x.
// MariaDB is fixed by the parser's OR REPLACE and never comes here.
func (f *frame) myDropFirst() (Fix, bool) {
	e := f.e
	if f.s.Dialect != model.MySQL || e.Object.Unknown || e.Object.Name == "" || len(f.st.Effects) != 1 {
		return Fix{}, false
	}
	var cut model.Span
	switch {
	case e.Guard == model.GuardOrReplace:
		cut = e.GuardSpan
	case e.Guard == model.GuardIfNotExists && !f.s.Target.Has(model.RoutineIfNotExists):
		cut = e.GuardSpan
	case e.Guard == model.GuardNone && !e.Safe():
	default:
		return Fix{}, false
	}
	if cut != (model.Span{}) && (cut.End <= cut.Start || !f.st.Span.Contains(cut)) {
		return Fix{}, false
	}
	switch {
	case f.s.Framework == model.Goose && f.gooseBlock:
		// The DROP would join the block, which goose sends as one
		// multi-statement query (multiStatements=true on the DSN).
		return Fix{}, false
	case f.s.Framework == model.GolangMigrate && len(f.s.Statements) < 2:
		// One query for the whole file: a second statement needs
		// multiStatements=true, which a file of one statement may lack.
		return Fix{}, false
	}
	name, ok := f.myNameAtEnd(e.Span)
	if !ok {
		return Fix{}, false
	}
	drop := f.kw("DROP "+strings.ToUpper(e.Object.Kind.String())+" IF EXISTS") + " " + name + f.delim
	edits := []model.Edit{{Start: f.st.Span.Start, End: f.st.Span.Start, Text: drop + f.eol + f.indent}}
	if cut != (model.Span{}) {
		end := cut.End
		for end < f.st.Span.End && (f.s.Source[end] == ' ' || f.s.Source[end] == '\t') {
			end++
		}
		edits = append(edits, model.Edit{Start: cut.Start, End: end})
	}
	return Fix{Message: "drop it with IF EXISTS right before creating it", Edits: edits}, true
}

// myNameAtEnd is the (schema-qualified) name that ends the span, as written.
func (f *frame) myNameAtEnd(sp model.Span) (string, bool) {
	ws := f.myWords(sp)
	n := len(ws)
	if n == 0 || !myIsName(ws, n-1) || ws[n-1].kind == lex.Word && myKindWord(ws[n-1].text) {
		return "", false
	}
	start := ws[n-1].start
	if n >= 3 && ws[n-2].kind == lex.Dot && myIsName(ws, n-3) {
		start = ws[n-3].start
	}
	name := string(f.s.Source[start:sp.End])
	if strings.ContainsAny(name, " \t\r\n") && !strings.Contains(name, "`") {
		return "", false
	}
	return name, true
}

// myKindWord rejects a span that ends on the kind keyword rather than
// on a name.
func myKindWord(w string) bool {
	switch w {
	case "TRIGGER", "FUNCTION", "PROCEDURE", "EVENT", "EXISTS":
		return true
	}
	return false
}
