package rewrite

import (
	"sort"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// myKeywords guards every effect of a MariaDB statement with MariaDB's own
// IF [NOT] EXISTS words, or returns false when one of them has none (then
// the PREPARE form guards them all). The parser already offers the words
// for ADD COLUMN / INDEX / FOREIGN KEY / UNIQUE KEY, CREATE INDEX and the
// DROPs (Effect.Fixes); those are taken as they are, so that the edits of
// an effect fixed by its own words and of one fixed here are the same
// and go in together. Written here, each checked on MariaDB 10.11 (a
// second run leaves a note instead of an error):
//
//	ADD CONSTRAINT IF NOT EXISTS c CHECK (...)
//	ADD CONSTRAINT c UNIQUE [KEY] IF NOT EXISTS (...)
//	ADD [CONSTRAINT c] PRIMARY KEY IF NOT EXISTS (...)
//	RENAME COLUMN IF EXISTS a TO b, CHANGE [COLUMN] IF EXISTS a b ...
//	RENAME {INDEX|KEY} IF EXISTS a TO b
//	ALTER TABLE IF EXISTS t RENAME TO u, RENAME TABLE IF EXISTS t TO u
//
// MariaDB has them from 10.5.2 at the latest (RENAME COLUMN, RENAME
// INDEX and RENAME TABLE IF EXISTS came then), older than any supported
// target.
func (f *frame) myKeywords(needs []myNeed) (Fix, bool) {
	var edits []model.Edit
	for _, n := range needs {
		e := n.e
		if len(e.Fixes) > 0 {
			for _, ed := range e.Fixes {
				ed.Text = myMatchCase(ed.Text, f.s.Source, ed.Start)
				edits = append(edits, ed)
			}
			continue
		}
		if e.Action == model.ActRename && f.madeAgain(e) {
			return Fix{}, false // IF EXISTS tests the old name only
		}
		at, text, ok := f.myKeywordAt(e)
		if !ok {
			return Fix{}, false
		}
		edits = append(edits, model.Edit{Start: at, End: at, Text: myMatchCase(text, f.s.Source, at)})
	}
	if f.tableGoesLater() {
		// A column or index guard reads the table: on a second run the
		// table is gone, and only ALTER TABLE IF EXISTS skips that.
		st := f.myWords(f.st.Span)
		i := 1
		for myWordIs(st, i, "ONLINE", "IGNORE") {
			i++
		}
		if !myWordIs(st, 0, "ALTER") || !myWordIs(st, i, "TABLE") || !myIsName(st, i+1) {
			return Fix{}, false
		}
		if !myWordIs(st, i+1, "IF") {
			at := st[i+1].start
			edits = append(edits, model.Edit{Start: at, End: at, Text: myMatchCase("IF EXISTS ", f.s.Source, at)})
		}
	}
	sort.Slice(edits, func(a, b int) bool { return edits[a].Start < edits[b].Start })
	out := edits[:0]
	for i, ed := range edits {
		if i > 0 && ed == edits[i-1] {
			continue
		}
		if i > 0 && ed.Start == edits[i-1].Start {
			return Fix{}, false // two guards at one place: not a form MariaDB reads
		}
		out = append(out, ed)
	}
	var myWords []string
	for _, ed := range out {
		myWords = append(myWords, strings.TrimSpace(ed.Text))
	}
	return Fix{Message: "add " + strings.Join(myUniq(myWords), ", "), Edits: out}, true
}

func myUniq(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range s {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// myWord is a significant token of a clause with its file offset.
type myWord struct {
	text  string // upper case for a word, as written otherwise
	raw   string // as written
	kind  lex.Kind
	start int
}

// myWords lexes the text at sp.
func (f *frame) myWords(sp model.Span) []myWord {
	src := f.s.Source[sp.Start:sp.End]
	var out []myWord
	for _, t := range lex.SignificantTokens(src, lex.MySQL) {
		w := myWord{text: t.Text(src), raw: t.Text(src), kind: t.Kind, start: sp.Start + t.Start}
		if t.Kind == lex.Word {
			w.text = strings.ToUpper(w.text)
		}
		out = append(out, w)
	}
	return out
}

func myWordIs(ws []myWord, i int, texts ...string) bool {
	if i >= len(ws) || ws[i].kind != lex.Word {
		return false
	}
	for _, t := range texts {
		if ws[i].text == t {
			return true
		}
	}
	return false
}

func myIsName(ws []myWord, i int) bool {
	return i < len(ws) && (ws[i].kind == lex.Word || ws[i].kind == lex.QuotedIdent)
}

// myKeywordAt is where MariaDB takes the guard words for e, and the words.
func (f *frame) myKeywordAt(e *model.Effect) (int, string, bool) {
	ws := f.myWords(e.Span)
	before := func(i int, text string) (int, string, bool) {
		if i >= len(ws) {
			return 0, "", false
		}
		return ws[i].start, text, true
	}
	switch {
	case e.Action == model.ActAdd && e.Object.Kind == model.KindConstraint:
		i := 1
		if myWordIs(ws, 1, "CONSTRAINT") {
			if !myIsName(ws, 2) || myWordIs(ws, 2, "CHECK", "UNIQUE", "PRIMARY", "FOREIGN") {
				return 0, "", false
			}
			if myWordIs(ws, 3, "CHECK") {
				return before(2, "IF NOT EXISTS ")
			}
			i = 3
		}
		switch {
		case myWordIs(ws, i, "PRIMARY") && myWordIs(ws, i+1, "KEY"):
			return before(i+2, "IF NOT EXISTS ")
		case myWordIs(ws, i, "UNIQUE") && i == 3:
			// With CONSTRAINT c and no index name the check is on c.
			j := i + 1
			if myWordIs(ws, j, "KEY", "INDEX") {
				j++
			}
			if j < len(ws) && (ws[j].kind == lex.LParen || myWordIs(ws, j, "USING")) {
				return before(j, "IF NOT EXISTS ")
			}
		}
	case e.Action == model.ActRename && e.Object.Kind == model.KindColumn:
		switch {
		case myWordIs(ws, 0, "RENAME") && myWordIs(ws, 1, "COLUMN"):
			return before(2, "IF EXISTS ")
		case myWordIs(ws, 0, "CHANGE"):
			if myWordIs(ws, 1, "COLUMN") {
				return before(2, "IF EXISTS ")
			}
			return before(1, "IF EXISTS ")
		}
	case e.Action == model.ActRename && e.Object.Kind == model.KindIndex:
		if myWordIs(ws, 0, "RENAME") && myWordIs(ws, 1, "INDEX", "KEY") {
			return before(2, "IF EXISTS ")
		}
	case e.Action == model.ActRename && e.Object.Kind == model.KindTable:
		st := f.myWords(f.st.Span)
		switch {
		case myWordIs(st, 0, "RENAME") && myWordIs(st, 1, "TABLE", "TABLES"):
			// One IF EXISTS covers every pair, each on its own.
			return myNameAt(st, 2, "IF EXISTS ")
		case myWordIs(st, 0, "ALTER"):
			i := 1
			for myWordIs(st, i, "ONLINE", "IGNORE") {
				i++
			}
			if myWordIs(st, i, "TABLE") {
				return myNameAt(st, i+1, "IF EXISTS ")
			}
		}
	}
	return 0, "", false
}

func myNameAt(ws []myWord, i int, text string) (int, string, bool) {
	if !myIsName(ws, i) {
		return 0, "", false
	}
	return ws[i].start, text, true
}

// myMatchCase writes inserted keywords in the case of the word before the
// insertion point, as the parsers' keyword fixes are written (rules
// fixOf), so that the same words offered for two effects are one edit.
func myMatchCase(text string, src []byte, at int) string {
	i := at
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	end := i
	for i > 0 && (src[i-1]|0x20 >= 'a' && src[i-1]|0x20 <= 'z') {
		i--
	}
	w := string(src[i:end])
	if w != "" && w == strings.ToLower(w) {
		return strings.ToLower(text)
	}
	return text
}

// tableGoesLater reports whether a later statement of the section renames
// or drops the table the statement alters.
func (f *frame) tableGoesLater() bool {
	var table model.Object
	for _, e := range f.st.Effects {
		if e.Object.Table != "" {
			table = model.Object{Kind: model.KindTable, Schema: e.Object.Schema, Name: e.Object.Table}
			break
		}
	}
	if table.Name == "" {
		return false
	}
	idx := f.r.nameIndex()
	at := idx.pos[f.st]
	for _, c := range idx.named(table.Name, f.s.Dialect, false) {
		st, e := c.st, c.x
		if c.pos <= at || st.Parent != nil || st.Section != f.st.Section {
			continue
		}
		if (e.Action == model.ActRename || e.Action == model.ActDrop) && e.Object.Kind == model.KindTable && e.Object.Same(table, f.s.Dialect) {
			return true
		}
	}
	return false
}
