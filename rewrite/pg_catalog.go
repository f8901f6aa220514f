package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// pgCheck writes the condition under which effect x still has work to do
// ("the type is missing", "the old column is still there"), reading the
// catalog row of exactly x's object, and names the catalog it reads. It
// returns false for what has no exact check the guard analysis reads.
//
// Objects a statement creates without a schema go to current_schema().
// Objects it changes are found through search_path, so the check casts
// the same name to regclass/regtype, or calls to_regtype, which resolve it
// as the statement does.
func (f *frame) pgCheck(x *model.Effect) (cond, catalog string, ok bool) {
	o := x.Object
	if o.Unknown || o.Name == "" || f.sectionReuses(x) {
		return "", "", false
	}
	switch x.Action {
	case model.ActCreate:
		return f.pgCreateCheck(o)
	case model.ActAdd:
		if o.Kind != model.KindConstraint || x.Unnamed || o.Table == "" || !f.namedConstraint(x) || f.ifExistsAfterAlter() {
			return "", "", false
		}
		return f.notExists("pg_constraint", "conrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "conname = "+pgLit(o.Name)), "pg_constraint", true
	case model.ActRetype:
		return f.pgRetypeCheck(x)
	case model.ActRename:
		if strings.Contains(x.NewName, ".") {
			// SET SCHEMA: the old name may still resolve, through
			// search_path, to the moved object.
			return "", "", false
		}
		return f.pgRenameCheck(o)
	}
	return "", "", false
}

func (f *frame) pgCreateCheck(o model.Object) (string, string, bool) {
	switch o.Kind {
	case model.KindType, model.KindDomain:
		// Types, domains, enums, ranges and composite types share pg_type.
		return f.kw("NOT EXISTS") + " (" + f.kw("SELECT") + " 1 " + f.kw("FROM") + " pg_catalog.pg_type t " + f.kw("JOIN") + " pg_catalog.pg_namespace n " + f.kw("ON") + " n.oid = t.typnamespace " +
			f.kw("WHERE") + " t.typname = " + pgLit(o.Name) + " " + f.kw("AND") + " n.nspname = " + pgSchema(o.Schema) + ")", "pg_type", true
	case model.KindPolicy:
		if o.Table == "" {
			return "", "", false
		}
		return f.notExists("pg_policy", "polrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "polname = "+pgLit(o.Name)), "pg_policy", true
	case model.KindRole:
		// Roles belong to the cluster: the name alone identifies one.
		return f.notExists("pg_roles", "rolname = "+pgLit(o.Name)), "pg_roles", true
	case model.KindEventTrigger:
		return f.notExists("pg_event_trigger", "evtname = "+pgLit(o.Name)), "pg_event_trigger", true
	case model.KindPublication:
		return f.notExists("pg_publication", "pubname = "+pgLit(o.Name)), "pg_publication", true
	}
	return "", "", false
}

func (f *frame) pgRenameCheck(o model.Object) (string, string, bool) {
	owned := func() bool { return o.Table != "" && !f.ifExistsAfterAlter() }
	switch o.Kind {
	case model.KindColumn:
		if !owned() {
			return "", "", false
		}
		return f.exists("pg_attribute", "attrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "attname = "+pgLit(o.Name), f.kw("NOT")+" attisdropped"), "pg_attribute", true
	case model.KindConstraint:
		if !owned() || !f.words(f.pgTokens(), "ALTER", "TABLE") {
			// ALTER DOMAIN ... RENAME CONSTRAINT names a domain, not a table.
			return "", "", false
		}
		return f.exists("pg_constraint", "conrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "conname = "+pgLit(o.Name)), "pg_constraint", true
	case model.KindTrigger:
		if !owned() {
			return "", "", false
		}
		return f.exists("pg_trigger", "tgrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "tgname = "+pgLit(o.Name)), "pg_trigger", true
	case model.KindPolicy:
		if !owned() {
			return "", "", false
		}
		return f.exists("pg_policy", "polrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "polname = "+pgLit(o.Name)), "pg_policy", true
	case model.KindEnumValue:
		if o.Table == "" {
			return "", "", false
		}
		return f.exists("pg_enum", "enumtypid = "+f.pgReg(o.Schema, o.Table, "regtype"), "enumlabel = "+pgLit(o.Name)), "pg_enum", true
	case model.KindSchema:
		return f.exists("pg_namespace", "nspname = "+pgLit(o.Name)), "pg_namespace", true
	case model.KindType, model.KindDomain:
		return "to_regtype(" + pgLit(pgQualified(o.Schema, o.Name)) + ") " + f.kw("IS NOT NULL"), "to_regtype", true
	}
	return "", "", false
}

// notExists writes NOT EXISTS (SELECT 1 FROM pg_catalog.rel WHERE a AND b ...).
func (f *frame) notExists(rel string, tests ...string) string {
	return f.kw("NOT") + " " + f.exists(rel, tests...)
}

func (f *frame) exists(rel string, tests ...string) string {
	return f.kw("EXISTS") + " (" + f.kw("SELECT") + " 1 " + f.kw("FROM") + " pg_catalog." + rel + " " + f.kw("WHERE") + " " +
		strings.Join(tests, " "+f.kw("AND")+" ") + ")"
}

// namedConstraint reports whether the ADD clause names its constraint.
// An unnamed PRIMARY KEY gets <table>_pkey from the parser, but the
// server picks another name when that one is taken (ChooseConstraintName
// appends a number, and truncates long names), so a check by that name
// is not exact.
func (f *frame) namedConstraint(x *model.Effect) bool {
	sp := x.Span
	if sp.Start < f.st.Span.Start || sp.End > f.st.Span.End {
		return false
	}
	var in []lex.Token
	for _, t := range f.pgTokens() {
		if t.Start >= sp.Start && t.End <= sp.End {
			in = append(in, t)
		}
	}
	return f.words(in, "ADD", "CONSTRAINT")
}

// pgRetypeCheck runs a type change with a USING expression only while
// the column does not have the new type yet. The type is compared by OID
// with no modifier, so the statement's type must have none (NewType is
// empty otherwise). A change to the type the column already has (USING
// as a data fix) would be skipped on its first run: refused where the
// file shows the old type.
func (f *frame) pgRetypeCheck(x *model.Effect) (string, string, bool) {
	o := x.Object
	if o.Table == "" || x.NewType == "" || f.ifExistsAfterAlter() || f.sameType(x) {
		return "", "", false
	}
	changed := "(atttypid <> " + pgLit(x.NewType) + "::regtype " + f.kw("OR") + " atttypmod <> -1)"
	return f.exists("pg_attribute", "attrelid = "+f.pgReg(o.Schema, o.Table, "regclass"), "attname = "+pgLit(o.Name), f.kw("NOT")+" attisdropped", changed), "pg_attribute", true
}

// sameType reports whether the schema history, as far as this file
// shows it, gives the column the type the statement changes it to.
func (f *frame) sameType(x *model.Effect) bool {
	var newType string
	for _, op := range f.st.Locks {
		if op.Kind == model.LockAlterType && op.Column == x.Object.Name {
			newType = op.Type
		}
	}
	table := model.Object{Kind: model.KindTable, Schema: x.Object.Schema, Name: x.Object.Table}
	var old string
	f.history(func(h *schema.History) { old = h.ColumnType(table, x.Object.Name) })
	return old != "" && old == newType
}
