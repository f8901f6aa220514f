package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// myLedgerKey is what a ledger is known to hold: its unique key, or the
// columns that identify a recorded migration when it has no key on them.
type myLedgerKey struct {
	unique, identity []string
}

// myLedgers are the ledgers as each framework creates them on MySQL:
// golang-migrate (version bigint primary key), dbmate (version
// varchar(128) primary key) and Rails share schema_migrations; goose keys
// goose_db_version on an AUTO_INCREMENT id, one row per version_id;
// Flyway on installed_rank; Liquibase's DATABASECHANGELOG has no key, a
// changeset being id + author + filename; Atlas and sqlx key on version,
// Prisma on id.
var myLedgers = map[string]myLedgerKey{
	"schema_migrations":      {unique: []string{"version"}},
	"goose_db_version":       {identity: []string{"version_id"}},
	"flyway_schema_history":  {unique: []string{"installed_rank"}},
	"databasechangelog":      {identity: []string{"id", "author", "filename"}},
	"atlas_schema_revisions": {unique: []string{"version"}},
	"_sqlx_migrations":       {unique: []string{"version"}},
	"_prisma_migrations":     {unique: []string{"id"}},
}

// myInsert guards an INSERT of one row of constants:
//
//   - into a ledger whose unique key the row supplies, with INSERT
//     IGNORE: the second run meets the duplicate key;
//   - into a ledger keyed otherwise (goose, Liquibase), with INSERT ...
//     SELECT ... FROM DUAL WHERE NOT EXISTS a row of the same migration;
//   - into any other table, whose keys the rewrite does not know, with
//     WHERE NOT EXISTS a row with every value the INSERT writes: the
//     second run finds the row the first one wrote, and a first run
//     writes what it wrote before unless that very row was already there.
//
// Rows built from expressions (NOW(), UUID()) are not offered: no test
// finds again what they wrote. Nor several rows, SET, SELECT, or an
// INSERT that already has a guard that does not work (the message says
// how to repair it).
func (f *frame) myInsert() (Fix, bool) {
	e := f.e
	if e.Guard != model.GuardNone || e.Load != "" || e.Safe() || len(f.st.Effects) != 1 {
		return Fix{}, false
	}
	ws := f.myWords(model.Span{Start: f.st.Span.Start, End: f.st.Span.Start + len(f.body)})
	if !myWordIs(ws, 0, "INSERT") {
		return Fix{}, false
	}
	i := 1
	for myWordIs(ws, i, "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY") {
		i++
	}
	if myWordIs(ws, i, "INTO") {
		i++
	}
	// The table, as written.
	if !myIsName(ws, i) {
		return Fix{}, false
	}
	tStart, tLast := i, i
	if i+2 < len(ws) && ws[i+1].kind == lex.Dot && myIsName(ws, i+2) {
		tLast = i + 2
	}
	table := f.myTokText(ws, tStart, tLast)
	tableName := myIdent(ws[tLast])
	i = tLast + 1
	// The column list.
	if i >= len(ws) || ws[i].kind != lex.LParen {
		return Fix{}, false
	}
	var cols []int
	for i++; ; i += 2 {
		if !myIsName(ws, i) || i+1 >= len(ws) {
			return Fix{}, false
		}
		cols = append(cols, i)
		if ws[i+1].kind == lex.RParen {
			i += 2
			break
		}
		if ws[i+1].kind != lex.Comma {
			return Fix{}, false
		}
	}
	// One row of constants, and nothing after it.
	if !myWordIs(ws, i, "VALUES", "VALUE") || i+1 >= len(ws) || ws[i+1].kind != lex.LParen {
		return Fix{}, false
	}
	valuesAt := i
	open := i + 1
	var vals [][2]int
	start := open + 1
	closeAt := -1
	for j := start; j < len(ws); j++ {
		switch ws[j].kind {
		case lex.Comma:
			vals = append(vals, [2]int{start, j})
			start = j + 1
		case lex.RParen:
			vals = append(vals, [2]int{start, j})
			closeAt = j
		case lex.LParen:
			return Fix{}, false // an expression
		}
		if closeAt >= 0 {
			break
		}
	}
	if closeAt < 0 || closeAt != len(ws)-1 || len(vals) != len(cols) {
		return Fix{}, false
	}
	tests := make([]string, len(vals))
	byName := map[string]int{}
	for k, v := range vals {
		val, null, ok := myConstant(ws, v)
		if !ok {
			return Fix{}, false
		}
		col, colName := ws[cols[k]].raw, myIdent(ws[cols[k]])
		byName[strings.ToLower(colName)] = k
		if null {
			tests[k] = col + " " + f.kw("IS NULL")
			byName[strings.ToLower(colName)] = -1 - k
			continue
		}
		tests[k] = col + " = " + val
	}
	// supplies returns the tests of the key's columns, when the row gives
	// each a value other than NULL.
	supplies := func(key []string) ([]string, bool) {
		var out []string
		for _, c := range key {
			k, ok := byName[c]
			if !ok || k < 0 {
				return nil, false
			}
			out = append(out, tests[k])
		}
		return out, len(out) > 0
	}
	lk := myLedgers[strings.ToLower(tableName)]
	if _, ok := supplies(lk.unique); ok {
		at := ws[1].start
		return Fix{Message: "write INSERT IGNORE: the row supplies the ledger's unique key",
			Edits: []model.Edit{{Start: at, End: at, Text: myMatchCase("IGNORE ", f.s.Source, at)}}}, true
	}
	if id, ok := supplies(lk.identity); ok {
		tests = id
	}
	end := ws[closeAt].start + 1
	inner := string(f.s.Source[ws[open].start+1 : ws[closeAt].start])
	text := f.kw("SELECT") + " " + strings.TrimSpace(inner) + " " + f.kw("FROM DUAL") + f.eol + f.indent +
		f.kw("WHERE NOT EXISTS") + " (" + f.kw("SELECT") + " 1 " + f.kw("FROM") + " " + table + " " + f.kw("WHERE") + " " +
		strings.Join(tests, " "+f.kw("AND")+" ") + ")"
	return Fix{Message: "insert the row only WHERE NOT EXISTS a row with the same values",
		Edits: []model.Edit{{Start: ws[valuesAt].start, End: end, Text: text}}}, true
}

// myIdent is the name a name token stands for.
func myIdent(w myWord) string {
	return lex.Ident([]byte(w.raw), lex.Token{Kind: w.kind, End: len(w.raw)}, lex.MySQL)
}

// myTokText is the source from word i to the end of word j.
func (f *frame) myTokText(ws []myWord, i, j int) string {
	return string(f.s.Source[ws[i].start : ws[j].start+len(ws[j].raw)])
}

// myConstant is the text of a value that is one literal: a string, a
// number (signed), TRUE, FALSE or NULL (null is set).
func myConstant(ws []myWord, v [2]int) (text string, null, ok bool) {
	n := v[1] - v[0]
	switch {
	case n == 1:
		w := ws[v[0]]
		switch w.kind {
		case lex.String, lex.Number:
			return w.text, false, true
		case lex.Word:
			switch w.text {
			case "NULL":
				return "", true, true
			case "TRUE", "FALSE":
				return w.raw, false, true
			}
		}
	case n == 2 && ws[v[0]].kind == lex.Op && (ws[v[0]].text == "-" || ws[v[0]].text == "+") && ws[v[0]+1].kind == lex.Number:
		return ws[v[0]].text + ws[v[0]+1].text, false, true
	}
	return "", false, false
}
