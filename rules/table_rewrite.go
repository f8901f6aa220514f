package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// TableRewrite finds PostgreSQL statements that copy every row of an
// existing table into a new file under ACCESS EXCLUSIVE.
var TableRewrite = &Rule{
	ID:       "table-rewrite",
	Summary:  "a statement that rewrites a whole existing table under ACCESS EXCLUSIVE: a column type change, a volatile default, a stored generated column, VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED",
	Severity: Error,
	Category: Lock,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "add a new column, backfill it in batches, and swap it in; or rebuild the table online (pg_repack)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ALTER COLUMN note TYPE text;\n",
			Note: "varchar to text (or a wider varchar) is binary-coercible: no rewrite"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();\n",
			Note: "now() is stable: since PostgreSQL 11 the default is stored once, no rewrite"},
		{Dialect: model.Postgres, SQL: "VACUUM FULL orders;\n", Bad: true},
	},
	Run: func(p *Pass) {
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if !live(op) {
				return
			}
			what, help := rewriteOf(op)
			if what == "" {
				return
			}
			p.Report(Finding{Span: op.Span, Stmt: st, Help: help,
				Message: fmt.Sprintf("%s rewrites %s while holding an ACCESS EXCLUSIVE lock, which blocks reads and writes until every row is copied (time grows with the table's size)%s",
					what, tableName(op), originNote(op))})
		})
	},
}

// rewriteOf says what about a clause rewrites its table, with the help
// for it; "" when it does not.
func rewriteOf(op *model.LockOp) (what, help string) {
	switch op.Kind {
	case model.LockAlterType:
		why, ok := typeChangeRewrites(op.OldType, op.Type, op.Using)
		if !ok {
			return "", ""
		}
		return fmt.Sprintf("changing the type of %s to %s%s", op.Column, op.Type, why),
			"add a column of the new type, backfill it in batches, then swap the names; only binary-coercible changes (varchar widening, varchar to text, numeric precision growth) skip the rewrite"
	case model.LockAddColumn:
		switch {
		case op.Volatile != "":
			return fmt.Sprintf("ADD COLUMN %s with a default from %s, which is evaluated for every existing row (a volatile function; a user's function is volatile unless declared STABLE or IMMUTABLE)", op.Column, op.Volatile),
				"add the column without the default (or with a constant one), set the default with ALTER COLUMN ... SET DEFAULT, and backfill existing rows in batches"
		case op.Stored:
			return fmt.Sprintf("ADD COLUMN %s GENERATED ... STORED", op.Column),
				"add a plain column kept up to date by a trigger, backfill it in batches; or compute the value in a view"
		}
	case model.LockVacuumFull:
		return "VACUUM FULL", "use plain VACUUM, or rebuild the table online with pg_repack"
	case model.LockCluster:
		return "CLUSTER", "rebuild the table online with pg_repack --order-by"
	case model.LockSetLogged:
		return "SET LOGGED / SET UNLOGGED", "create the table logged (or unlogged) from the start; an existing one is copied whole"
	}
	return "", ""
}

// typeChangeRewrites reports whether ALTER COLUMN ... TYPE rewrites the
// table, with a note on why. With the old type known, only changes
// PostgreSQL documents as binary-coercible skip the rewrite (varchar
// widening or to text, numeric and time precision growth, varbit
// widening, cidr to inet). With it unknown, an explicit USING or a new
// type no such change can end in (bigint, uuid, jsonb ...) counts; a
// varchar, text or numeric target may be a widening, and is left alone.
func typeChangeRewrites(old, typ string, using bool) (string, bool) {
	if typ == "" {
		return "", false
	}
	if using {
		return " with an explicit USING", true
	}
	if old == "" {
		if widenable(baseType(typ)) {
			return "", false
		}
		return "", true
	}
	if coercible(old, typ) {
		return "", false
	}
	return " from " + old, true
}

// widenable are the types a binary-coercible change can end in.
func widenable(base string) bool {
	switch base {
	case "varchar", "text", "numeric", "varbit", "inet", "timestamp", "timestamptz", "time", "timetz", "interval", "citext":
		return true
	}
	return false
}

// coercible reports whether a change from old to typ keeps the stored
// bytes, so that PostgreSQL skips the rewrite ("ALTER TABLE" notes).
func coercible(old, typ string) bool {
	if old == typ {
		return true
	}
	ob, om := splitType(old)
	nb, nm := splitType(typ)
	if strings.HasSuffix(old, "]") != strings.HasSuffix(typ, "]") {
		return false
	}
	switch {
	case (ob == "varchar" || ob == "text") && nb == "text",
		ob == "text" && nb == "varchar" && nm == nil,
		ob == "varchar" && nb == "varchar" && (nm == nil || om != nil && nm[0] >= om[0]),
		ob == "varbit" && nb == "varbit" && (nm == nil || om != nil && nm[0] >= om[0]),
		ob == "cidr" && nb == "inet":
		return true
	case ob == "numeric" && nb == "numeric":
		if nm == nil {
			return true
		}
		if om == nil {
			return false
		}
		os, ns := 0, 0
		if len(om) > 1 {
			os = om[1]
		}
		if len(nm) > 1 {
			ns = nm[1]
		}
		return ns == os && nm[0] >= om[0]
	case ob == nb && (ob == "timestamp" || ob == "timestamptz" || ob == "time" || ob == "timetz" || ob == "interval"):
		return nm == nil || om != nil && nm[0] >= om[0]
	}
	return false
}

// baseType is the type without modifiers.
func baseType(t string) string {
	b, _ := splitType(t)
	return b
}

// splitType splits "numeric(10,2)[]" into "numeric" and [10 2].
func splitType(t string) (string, []int) {
	t = strings.TrimRight(t, "[]")
	name, mods, ok := strings.Cut(t, "(")
	if !ok {
		return name, nil
	}
	var out []int
	for _, m := range strings.Split(strings.TrimSuffix(mods, ")"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(m))
		if err != nil {
			return name, nil
		}
		out = append(out, n)
	}
	return name, out
}
