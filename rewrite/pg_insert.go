package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// ledgerKey is what a migration framework's ledger table is known to
// hold: the unique key its CREATE TABLE declares, and, for ledgers
// without one on the migration's identity, the columns that identify a
// recorded migration.
type ledgerKey struct {
	unique   []string
	identity []string
}

// pgLedgers are the ledgers as each framework creates them on
// PostgreSQL (golang-migrate, dbmate and Rails: version primary key;
// goose: a serial id, one row per version_id; Flyway: installed_rank
// primary key; Liquibase: no key, a changeset is id + author + filename;
// Atlas, Diesel, sqlx: version; Prisma: id; Sqitch: change_id).
var pgLedgers = map[string]ledgerKey{
	"schema_migrations":          {unique: []string{"version"}},
	"goose_db_version":           {identity: []string{"version_id"}},
	"flyway_schema_history":      {unique: []string{"installed_rank"}},
	"databasechangelog":          {identity: []string{"id", "author", "filename"}},
	"atlas_schema_revisions":     {unique: []string{"version"}},
	"__diesel_schema_migrations": {unique: []string{"version"}},
	"_sqlx_migrations":           {unique: []string{"version"}},
	"_prisma_migrations":         {unique: []string{"id"}},
	"sqitch.changes":             {unique: []string{"change_id"}},
}

// pgInsertShape is an INSERT INTO t (cols) VALUES (...), (...) read from
// its tokens; anything else (SELECT, RETURNING, ON CONFLICT, WITH,
// OVERRIDING) is not rewritten.
type pgInsertShape struct {
	table   string          // the table as written
	cols    []string        // folded column names
	values  lex.Token       // the VALUES keyword
	rows    [][][]lex.Token // per row, per value, its tokens
	lparens []lex.Token
	rparens []lex.Token
	last    lex.Token
}

func (f *frame) pgInsertShape() (*pgInsertShape, bool) {
	toks := f.pgTokens()
	src := f.s.Source
	if !f.words(toks, "INSERT", "INTO") {
		return nil, false
	}
	i := 2
	start := i
	for i < len(toks) && (toks[i].Kind == lex.Word || toks[i].Kind == lex.QuotedIdent) {
		i++
		if i < len(toks) && toks[i].Kind == lex.Dot {
			i++
			continue
		}
		break
	}
	if i == start || i >= len(toks) {
		return nil, false
	}
	sh := &pgInsertShape{table: string(src[toks[start].Start:toks[i-1].End])}
	if toks[i].Kind != lex.LParen {
		// An alias (AS x) or a form without a column list.
		return nil, false
	}
	for i++; i < len(toks) && toks[i].Kind != lex.RParen; i++ {
		if toks[i].Kind == lex.Comma {
			continue
		}
		if toks[i].Kind != lex.Word && toks[i].Kind != lex.QuotedIdent {
			return nil, false
		}
		sh.cols = append(sh.cols, lex.Ident(src, toks[i], lex.Postgres))
	}
	i++
	if i >= len(toks) || !f.word(toks[i], "VALUES") || len(sh.cols) == 0 {
		return nil, false
	}
	sh.values = toks[i]
	i++
	for {
		if i >= len(toks) || toks[i].Kind != lex.LParen {
			return nil, false
		}
		sh.lparens = append(sh.lparens, toks[i])
		var row [][]lex.Token
		var cur []lex.Token
		depth := 0
		for i++; i < len(toks); i++ {
			t := toks[i]
			if depth == 0 && (t.Kind == lex.Comma || t.Kind == lex.RParen) {
				row = append(row, cur)
				cur = nil
				if t.Kind == lex.RParen {
					break
				}
				continue
			}
			switch t.Kind {
			case lex.LParen:
				depth++
			case lex.RParen:
				depth--
			}
			cur = append(cur, t)
		}
		if i >= len(toks) || len(row) != len(sh.cols) {
			return nil, false
		}
		sh.rparens = append(sh.rparens, toks[i])
		sh.rows = append(sh.rows, row)
		sh.last = toks[i]
		i++
		if i == len(toks) {
			return sh, true
		}
		if toks[i].Kind != lex.Comma {
			return nil, false
		}
		i++
	}
}

// literal reports whether a value is a constant that is never NULL: a
// string or a number, possibly negative.
func (f *frame) literal(v []lex.Token) bool {
	if len(v) == 2 && v[0].Kind == lex.Op && f.s.Source[v[0].Start] == '-' && v[0].End-v[0].Start == 1 {
		v = v[1:]
	}
	return len(v) == 1 && (v[0].Kind == lex.String || v[0].Kind == lex.Number)
}

// keyed reports whether every row gives each key column a literal value.
func (sh *pgInsertShape) keyed(f *frame, key []string) bool {
	if len(key) == 0 {
		return false
	}
	for _, k := range key {
		at := indexOf(sh.cols, k)
		if at < 0 {
			return false
		}
		for _, row := range sh.rows {
			if !f.literal(row[at]) {
				return false
			}
		}
	}
	return true
}

func indexOf(l []string, s string) int {
	for i, x := range l {
		if x == s {
			return i
		}
	}
	return -1
}

// pgInsert guards an INSERT ... VALUES whose rows carry a known key with
// literal values: ON CONFLICT DO NOTHING when the key is a unique key of
// the table (the file's own CREATE TABLE says so, or the table is a
// framework's ledger), so that the second run meets the rows the first
// one wrote; for a ledger whose identity columns are not a unique key,
// INSERT ... SELECT ... WHERE NOT EXISTS on them. An INSERT whose rows
// carry no such key gets nothing: a check on all its columns would skip
// rows a first run writes as duplicates on purpose.
func (f *frame) pgInsert() (Fix, bool) {
	e := f.e
	if e.Load != "" || e.Guard != model.GuardNone || len(f.st.Effects) != 1 {
		return Fix{}, false
	}
	sh, ok := f.pgInsertShape()
	if !ok {
		return Fix{}, false
	}
	var known bool
	var keys []model.KeyDef
	f.history(func(h *schema.History) { keys, known = h.UniqueKeys(e.Object) })
	for _, k := range keys {
		if sh.keyed(f, k.Columns) {
			return f.onConflict(sh), true
		}
	}
	l, ok := pgLedgers[e.Object.Name]
	if !ok {
		l, ok = pgLedgers[e.Object.Schema+"."+e.Object.Name]
	}
	if !ok {
		return Fix{}, false
	}
	// What the file declares overrides what the framework is known to
	// create; the identity of a recorded migration stays what it is.
	if !known && sh.keyed(f, l.unique) {
		return f.onConflict(sh), true
	}
	if len(sh.rows) == 1 && sh.keyed(f, l.identity) {
		return f.whereNotExists(sh, l.identity)
	}
	return Fix{}, false
}

func (f *frame) onConflict(sh *pgInsertShape) Fix {
	at := sh.last.End
	return Fix{Message: "add ON CONFLICT DO NOTHING: the rows carry a unique key of " + f.e.Object.Name,
		Edits: []model.Edit{{Start: at, End: at, Text: " " + f.kw("ON CONFLICT DO NOTHING")}}}
}

// whereNotExists turns VALUES (v1, v2) into SELECT v1, v2 WHERE NOT
// EXISTS (SELECT 1 FROM t WHERE k = v ...). In INSERT ... SELECT the
// untyped literals take the target columns' types, as in VALUES.
func (f *frame) whereNotExists(sh *pgInsertShape, key []string) (Fix, bool) {
	src := f.s.Source
	row := sh.rows[0]
	for _, v := range row {
		if len(v) == 0 || len(v) == 1 && f.word(v[0], "DEFAULT") {
			return Fix{}, false
		}
	}
	var tests []string
	for _, k := range key {
		v := row[indexOf(sh.cols, k)]
		tests = append(tests, pgIdent(k)+" = "+string(src[v[0].Start:v[len(v)-1].End]))
	}
	lp, rp := sh.lparens[0], sh.rparens[0]
	open := ""
	if lp.Start == sh.values.End {
		open = " "
	}
	cond := " " + f.kw("WHERE NOT EXISTS") + " (" + f.kw("SELECT") + " 1 " + f.kw("FROM") + " " + sh.table + " " + f.kw("WHERE") + " " +
		strings.Join(tests, " "+f.kw("AND")+" ") + ")"
	return Fix{Message: "insert only WHERE NOT EXISTS a row with the same " + strings.Join(key, ", "),
		Edits: []model.Edit{
			{Start: sh.values.Start, End: sh.values.End, Text: f.kw("SELECT")},
			{Start: lp.Start, End: lp.End, Text: open},
			{Start: rp.Start, End: rp.End, Text: cond},
		}}, true
}
