package guard

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// catDef describes a catalog relation: which columns name the object,
// its table and its schema.
type catDef struct {
	kind   model.ObjectKind
	name   []string
	table  []string
	schema []string
	// reg are columns compared with 'x'::regclass (or regtype) that name
	// the owning table or type.
	reg []string
	// kindCol refines the kind from a discriminator column's value.
	kindCol string
}

// catalogs is ordered by precedence: when a query joins several catalog
// relations, the first one whose name column is tested describes the
// object (pg_attribute joined with pg_class is about a column).
var catalogs = []struct {
	rel string
	def catDef
}{
	{"columns", catDef{kind: model.KindColumn, name: []string{"column_name"}, table: []string{"table_name"}, schema: []string{"table_schema"}}},
	{"pg_attribute", catDef{kind: model.KindColumn, name: []string{"attname"}, table: []string{"relname"}, schema: []string{"nspname"}, reg: []string{"attrelid"}}},
	{"pg_enum", catDef{kind: model.KindEnumValue, name: []string{"enumlabel"}, table: []string{"typname"}, schema: []string{"nspname"}, reg: []string{"enumtypid"}}},
	{"statistics", catDef{kind: model.KindIndex, name: []string{"index_name"}, table: []string{"table_name"}, schema: []string{"index_schema", "table_schema"}}},
	{"pg_indexes", catDef{kind: model.KindIndex, name: []string{"indexname"}, table: []string{"tablename"}, schema: []string{"schemaname"}}},
	{"table_constraints", catDef{kind: model.KindConstraint, name: []string{"constraint_name"}, table: []string{"table_name"}, schema: []string{"constraint_schema", "table_schema"}}},
	{"key_column_usage", catDef{kind: model.KindConstraint, name: []string{"constraint_name"}, table: []string{"table_name"}, schema: []string{"constraint_schema", "table_schema"}}},
	{"referential_constraints", catDef{kind: model.KindConstraint, name: []string{"constraint_name"}, table: []string{"table_name"}, schema: []string{"constraint_schema"}}},
	{"check_constraints", catDef{kind: model.KindConstraint, name: []string{"constraint_name"}, schema: []string{"constraint_schema"}}},
	{"constraint_column_usage", catDef{kind: model.KindConstraint, name: []string{"constraint_name"}, table: []string{"table_name"}, schema: []string{"constraint_schema"}}},
	{"pg_constraint", catDef{kind: model.KindConstraint, name: []string{"conname"}, table: []string{"relname"}, schema: []string{"nspname"}, reg: []string{"conrelid"}}},
	{"pg_trigger", catDef{kind: model.KindTrigger, name: []string{"tgname"}, table: []string{"relname"}, schema: []string{"nspname"}, reg: []string{"tgrelid"}}},
	{"triggers", catDef{kind: model.KindTrigger, name: []string{"trigger_name"}, table: []string{"event_object_table"}, schema: []string{"trigger_schema"}}},
	{"pg_policies", catDef{kind: model.KindPolicy, name: []string{"policyname"}, table: []string{"tablename"}, schema: []string{"schemaname"}}},
	{"pg_policy", catDef{kind: model.KindPolicy, name: []string{"polname"}, table: []string{"relname"}, reg: []string{"polrelid"}}},
	{"pg_rules", catDef{kind: model.KindRule, name: []string{"rulename"}, table: []string{"tablename"}, schema: []string{"schemaname"}}},
	{"pg_index", catDef{kind: model.KindIndex, name: []string{"relname"}, schema: []string{"nspname"}, reg: []string{"indexrelid"}}},
	{"pg_tables", catDef{kind: model.KindTable, name: []string{"tablename"}, schema: []string{"schemaname"}}},
	{"pg_views", catDef{kind: model.KindView, name: []string{"viewname"}, schema: []string{"schemaname"}}},
	{"pg_matviews", catDef{kind: model.KindMatView, name: []string{"matviewname"}, schema: []string{"schemaname"}}},
	{"pg_sequences", catDef{kind: model.KindSequence, name: []string{"sequencename"}, schema: []string{"schemaname"}}},
	{"views", catDef{kind: model.KindView, name: []string{"table_name"}, schema: []string{"table_schema"}}},
	{"tables", catDef{kind: model.KindTable, name: []string{"table_name"}, schema: []string{"table_schema"}, kindCol: "table_type"}},
	{"sequences", catDef{kind: model.KindSequence, name: []string{"sequence_name"}, schema: []string{"sequence_schema"}}},
	{"routines", catDef{kind: model.KindFunction, name: []string{"routine_name", "specific_name"}, schema: []string{"routine_schema"}, kindCol: "routine_type"}},
	{"pg_proc", catDef{kind: model.KindFunction, name: []string{"proname"}, schema: []string{"nspname"}, kindCol: "prokind"}},
	{"events", catDef{kind: model.KindEvent, name: []string{"event_name"}, schema: []string{"event_schema"}}},
	{"partitions", catDef{kind: model.KindPartition, name: []string{"partition_name"}, table: []string{"table_name"}, schema: []string{"table_schema"}}},
	{"pg_class", catDef{kind: model.KindRelation, name: []string{"relname"}, schema: []string{"nspname"}, kindCol: "relkind"}},
	{"pg_type", catDef{kind: model.KindType, name: []string{"typname"}, schema: []string{"nspname"}}},
	{"pg_extension", catDef{kind: model.KindExtension, name: []string{"extname"}}},
	{"pg_roles", catDef{kind: model.KindRole, name: []string{"rolname"}}},
	{"pg_authid", catDef{kind: model.KindRole, name: []string{"rolname"}}},
	{"pg_user", catDef{kind: model.KindRole, name: []string{"usename"}}},
	{"pg_database", catDef{kind: model.KindDatabase, name: []string{"datname"}}},
	{"pg_publication", catDef{kind: model.KindPublication, name: []string{"pubname"}}},
	{"pg_subscription", catDef{kind: model.KindSubscription, name: []string{"subname"}}},
	{"pg_statistic_ext", catDef{kind: model.KindStatistics, name: []string{"stxname"}}},
	{"pg_foreign_server", catDef{kind: model.KindServer, name: []string{"srvname"}}},
	{"pg_collation", catDef{kind: model.KindCollation, name: []string{"collname"}}},
	{"pg_event_trigger", catDef{kind: model.KindEventTrigger, name: []string{"evtname"}}},
	{"schemata", catDef{kind: model.KindSchema, name: []string{"schema_name"}}},
	{"pg_namespace", catDef{kind: model.KindSchema, name: []string{"nspname"}}},
}

// identityCols are columns whose equality tests pin down which object a
// query looks at rather than filtering its properties.
var identityCols = map[string]bool{
	"oid": true, "relnamespace": true, "typnamespace": true, "connamespace": true, "pronamespace": true,
	"attisdropped": true, "indrelid": true, "contypid": true, "table_catalog": true, "constraint_catalog": true,
	"routine_catalog": true, "trigger_catalog": true, "event_object_schema": true, "index_type": true,
	"constraint_type": true, "contype": true, "seq_in_index": true, "non_unique": true,
}

var relkinds = map[string]model.ObjectKind{
	"r": model.KindTable, "p": model.KindTable, "i": model.KindIndex, "I": model.KindIndex,
	"S": model.KindSequence, "v": model.KindView, "m": model.KindMatView, "f": model.KindTable,
}

// Catalog names the object a catalog query looks up. filtered is true
// when the query also tests properties of the object (a column's type,
// say): then "no row" does not mean "no object".
func Catalog(q *Query, d model.Dialect) (obj model.Object, filtered bool, ok bool) {
	if q == nil {
		return obj, false, false
	}
	rels := map[string]bool{}
	for _, r := range q.Relations {
		r = strings.ToLower(r)
		r = strings.TrimPrefix(r, "information_schema.")
		r = strings.TrimPrefix(r, "pg_catalog.")
		rels[r] = true
	}
	for _, c := range catalogs {
		if !rels[c.rel] {
			continue
		}
		def := c.def
		name, named := first(q, def.name)
		if !named && def.kind == model.KindIndex && q.Regclass["indexrelid"] != "" {
			name, named = q.Regclass["indexrelid"], true
		}
		if !named {
			if q.unknownAny(def.name) {
				return model.Object{Kind: def.kind, Unknown: true}, false, true
			}
			continue
		}
		obj = model.Object{Kind: def.kind, Name: name}
		if def.kindCol != "" {
			if k, ok := refineKind(c.rel, q.Eq[def.kindCol]); ok {
				obj.Kind = k
			}
		}
		if t, ok := first(q, def.table); ok {
			obj.Table = t
		}
		for _, r := range def.reg {
			if v := q.Regclass[r]; v != "" && r != "indexrelid" {
				obj.Schema, obj.Table = splitQualified(v)
			}
		}
		if s, ok := first(q, def.schema); ok && obj.Schema == "" {
			obj.Schema = s
		}
		if obj.Kind == model.KindTable || obj.Kind == model.KindView || obj.Kind == model.KindSequence ||
			obj.Kind == model.KindMatView || obj.Kind == model.KindRelation {
			obj.Table = ""
		}
		if q.unknownAny(def.name) || q.unknownAny(def.table) {
			obj.Unknown = true
		}
		used := map[string]bool{def.kindCol: true}
		for _, l := range [][]string{def.name, def.table, def.schema} {
			for _, col := range l {
				used[col] = true
			}
		}
		for col := range q.Eq {
			if !used[col] && !identityCols[col] {
				filtered = true
			}
		}
		return obj, filtered, true
	}
	return obj, false, false
}

func (q *Query) unknownAny(cols []string) bool {
	for _, c := range cols {
		if q.Unknown[c] {
			return true
		}
	}
	return false
}

func first(q *Query, cols []string) (string, bool) {
	for _, c := range cols {
		if v, ok := q.Eq[c]; ok {
			return v, true
		}
	}
	return "", false
}

func refineKind(rel, v string) (model.ObjectKind, bool) {
	switch rel {
	case "pg_class":
		k, ok := relkinds[v]
		return k, ok
	case "tables":
		if strings.EqualFold(v, "VIEW") {
			return model.KindView, true
		}
	case "routines":
		if strings.EqualFold(v, "PROCEDURE") {
			return model.KindProcedure, true
		}
	case "pg_proc":
		if v == "p" {
			return model.KindProcedure, true
		}
	}
	return 0, false
}

// splitQualified splits "schema.name" (quotes already removed by the
// adapter) at its last dot.
func splitQualified(s string) (schema, name string) {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}
