package rewrite

import (
	"github.com/idemlint/idemlint/parser/model"
)

// postgres wraps the statement in a DO block that runs it only when the
// catalog says the work is not done yet.
func postgres(f *frame) (Fix, bool) {
	e := f.e
	if f.st.NoTx || f.st.Kind == model.KindTx || f.s.Framework == model.Liquibase {
		// A DO block is one transaction; Liquibase splits on semicolons.
		return Fix{}, false
	}
	var cond, what string
	switch {
	case e.Action == model.ActCreate && (e.Object.Kind == model.KindType || e.Object.Kind == model.KindDomain):
		cond = f.kw("NOT EXISTS") + " (" + f.kw("SELECT") + " 1 " + f.kw("FROM") + " pg_catalog.pg_type t " + f.kw("JOIN") + " pg_catalog.pg_namespace n " + f.kw("ON") + " n.oid = t.typnamespace " +
			f.kw("WHERE") + " t.typname = " + pgLit(e.Object.Name) + " " + f.kw("AND") + " n.nspname = " + pgSchema(e.Object.Schema) + ")"
		what = "pg_type"
	default:
		return Fix{}, false
	}
	return f.doBlock(cond, what)
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
	if tag == "" {
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
