package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// postgres writes the guarded form of a PostgreSQL statement: a keyword
// where the server has one for this case (ALTER TABLE IF EXISTS ...
// RENAME, ON CONFLICT DO NOTHING), DROP TRIGGER IF EXISTS before a
// trigger the target cannot CREATE OR REPLACE, or a DO block that runs
// the statement only when the catalog says the work is not done yet.
func postgres(f *frame) (Fix, bool) {
	e := f.e
	if e.Object.Unknown {
		return Fix{}, false
	}
	switch {
	case e.Action == model.ActInsert:
		return f.pgInsert()
	case e.Action == model.ActCreate && e.Object.Kind == model.KindTrigger:
		return f.pgDropTriggerFirst()
	case e.Action == model.ActRename && relationKind(e.Object.Kind):
		return f.pgRenameIfExists()
	}
	return f.pgGuardBlock()
}

// pgGuardBlock wraps the statement in a DO block whose condition checks,
// for every unguarded effect of the statement that no keyword fixes, the
// catalog row of exactly its object. ALTER TABLE is atomic, so one
// condition per effect, joined with AND, skips the statement on a second
// run and holds on every first run that would succeed.
func (f *frame) pgGuardBlock() (Fix, bool) {
	if f.st.NoTx || f.st.Kind == model.KindTx || f.s.Framework == model.Liquibase {
		// A DO block is one transaction; Liquibase splits on semicolons.
		return Fix{}, false
	}
	if f.hasPsqlVariable() {
		return Fix{}, false
	}
	var conds, cats []string
	var checked []model.Object
	for _, x := range f.st.Effects {
		if x.Safe() || len(x.Fixes) > 0 {
			continue
		}
		c, cat, ok := f.pgCheck(x)
		if !ok {
			return Fix{}, false
		}
		conds = append(conds, c)
		if !contains(cats, cat) {
			cats = append(cats, cat)
		}
		checked = append(checked, x.Object)
	}
	if len(conds) == 0 {
		return Fix{}, false
	}
	// ALTER TABLE t DROP CONSTRAINT c, ADD CONSTRAINT c ... succeeds while
	// c exists: a check that c is missing would skip its first run.
	for _, x := range f.st.Effects {
		if x.Action != model.ActDrop {
			continue
		}
		for _, o := range checked {
			if x.Object.Same(o, f.s.Dialect) {
				return Fix{}, false
			}
		}
	}
	return f.doBlock(strings.Join(conds, " "+f.kw("AND")+" "), strings.Join(cats, " and "))
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// pgSchema is the schema an unqualified name is created in.
func pgSchema(schema string) string {
	if schema == "" {
		return "current_schema()"
	}
	return pgLit(schema)
}

// doBlock keeps the statement and wraps it in
// DO $$ BEGIN IF cond THEN ... END IF; END $$;
func (f *frame) doBlock(cond, catalog string) (Fix, bool) {
	tag := dollarTag(f.body)
	if tag == "" || !parsesAlone(f.body) {
		return Fix{}, false
	}
	before := f.lines(f.kw("DO")+" "+tag, f.kw("BEGIN"), "  "+f.kw("IF")+" "+cond+" "+f.kw("THEN"))
	after := f.lines("  "+f.kw("END IF")+";", f.kw("END")+" "+tag+";")
	before, after, ok := f.gooseWrap(before, after)
	if !ok {
		return Fix{}, false
	}
	return Fix{Message: "run it in a DO block only when " + catalog + " says it is needed", Edits: f.around(before, after)}, true
}

// parsesAlone reports whether libpg_query's grammar reads the statement
// as written. The linter reads some newer syntax through a rewrite
// (PostgreSQL 18's ADD CONSTRAINT c NOT NULL col); inside a DO block the
// PL/pgSQL parser would meet the original and refuse the whole block.
func parsesAlone(stmt string) bool {
	_, err := pgparse.Parse(stmt)
	return err == nil
}
