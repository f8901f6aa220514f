package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// relationKind lists the kinds whose ALTER ... RENAME TO takes IF EXISTS.
func relationKind(k model.ObjectKind) bool {
	switch k {
	case model.KindTable, model.KindView, model.KindMatView, model.KindSequence, model.KindIndex:
		return true
	}
	return false
}

// pgRenameIfExists writes ALTER TABLE IF EXISTS old RENAME TO new (and
// the same for views, materialized views, sequences, indexes and foreign
// tables): the second run finds no relation of the old name and skips
// with a notice. It is offered only when nothing later in the section
// makes the old name again, which would make the second run rename that
// one into the taken name.
func (f *frame) pgRenameIfExists() (Fix, bool) {
	e := f.e
	if strings.Contains(e.NewName, ".") || f.sectionReuses(e) {
		return Fix{}, false
	}
	toks := f.pgTokens()
	n := 0
	switch {
	case f.words(toks, "ALTER", "TABLE"), f.words(toks, "ALTER", "INDEX"), f.words(toks, "ALTER", "SEQUENCE"), f.words(toks, "ALTER", "VIEW"):
		n = 2
	case f.words(toks, "ALTER", "MATERIALIZED", "VIEW"), f.words(toks, "ALTER", "FOREIGN", "TABLE"):
		n = 3
	default:
		return Fix{}, false
	}
	if len(toks) <= n || f.word(toks[n], "IF") {
		return Fix{}, false
	}
	at := toks[n].Start
	return Fix{Message: "add IF EXISTS: a second run finds no " + e.Object.Kind.String() + " " + e.Object.Name + " and skips",
		Edits: []model.Edit{{Start: at, End: at, Text: f.kw("IF EXISTS") + " "}}}, true
}

// pgDropTriggerFirst writes DROP TRIGGER IF EXISTS name ON table before a
// CREATE TRIGGER the target cannot write with OR REPLACE (PostgreSQL
// before 14, and constraint triggers on every version). Like OR REPLACE,
// the second run replaces the trigger with the definition in the file,
// which is what a repeatable migration needs; the first run creates it as
// before.
func (f *frame) pgDropTriggerFirst() (Fix, bool) {
	o := f.e.Object
	if o.Table == "" || len(f.e.Fixes) > 0 || !f.words(f.pgTokens(), "CREATE") {
		return Fix{}, false
	}
	drop := f.kw("DROP TRIGGER IF EXISTS") + " " + pgIdent(o.Name) + " " + f.kw("ON") + " " + pgQualified(o.Schema, o.Table) + ";"
	sep := f.eol + f.indent
	if !f.lineStart {
		sep = " "
	}
	at := f.st.Span.Start
	return Fix{Message: "drop the trigger with IF EXISTS first, as CREATE OR REPLACE would replace it",
		Edits: []model.Edit{{Start: at, End: at, Text: drop + sep}}}, true
}
