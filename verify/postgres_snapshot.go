package verify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// userObjects keeps the system schemas and what extensions own out of a
// catalog query over alias x with namespace alias n: an extension's
// hundreds of functions are not the migration's doing.
const userSchema = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'`

func notExtension(catalog, oid string) string {
	return fmt.Sprintf(`NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')`, catalog, oid)
}

// pgSchemaQueries each return (key, definition) rows; the keys name the
// object kind first so that kinds never collide.
var pgSchemaQueries = []string{
	`SELECT 'schema ' || n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE ` + userSchema +
		` AND ` + notExtension("pg_namespace", "n.oid"),

	`SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
	   WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'type' END || ' ' || n.nspname || '.' || c.relname,
	   concat_ws(' ', c.relkind, c.relpersistence, c.reloptions::text, c.relrowsecurity, c.relforcerowsecurity, c.relacl::text,
	     pg_get_partkeydef(c.oid), pg_get_expr(c.relpartbound, c.oid),
	     CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
	     (SELECT concat_ws(' ', s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle) FROM pg_sequence s WHERE s.seqrelid = c.oid))
	 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND ` + userSchema + ` AND ` + notExtension("pg_class", "c.oid"),

	// Columns carry their rank among the live columns, not attnum: a
	// column dropped and added again in the same place is the same column.
	`SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,
	   concat_ws(' ', row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod),
	     CASE WHEN a.attnotnull THEN 'not null' END, 'default ' || pg_get_expr(d.adbin, d.adrelid),
	     NULLIF(a.attidentity, ''), NULLIF(a.attgenerated, ''),
	     CASE WHEN a.attcollation <> t.typcollation THEN 'collate ' || a.attcollation::regcollation::text END)
	 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	   JOIN pg_type t ON t.oid = a.atttypid
	   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
	 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND ` + userSchema +
		` AND ` + notExtension("pg_class", "c.oid"),

	`SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, t.typname, '') || '.' || con.conname,
	   concat_ws(' ', pg_get_constraintdef(con.oid), CASE WHEN con.condeferrable THEN 'deferrable' END, CASE WHEN NOT con.convalidated THEN 'not valid' END)
	 FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
	   LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid
	 WHERE ` + userSchema + ` AND ` + notExtension("pg_constraint", "con.oid"),

	`SELECT 'index ' || n.nspname || '.' || c.relname, concat_ws(' ', pg_get_indexdef(c.oid), CASE WHEN NOT i.indisvalid THEN 'invalid' END)
	 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE ` + userSchema + ` AND ` + notExtension("pg_class", "c.oid"),

	// Functions by signature; the body through a hash keeps the snapshot
	// small. Aggregates have no pg_get_functiondef.
	`SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END
	   || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
	   CASE WHEN p.prokind = 'a' THEN pg_get_function_result(p.oid) ELSE md5(pg_get_functiondef(p.oid)) END || ' ' || coalesce(p.proacl::text, '')
	 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	 WHERE ` + userSchema + ` AND ` + notExtension("pg_proc", "p.oid"),

	`SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
	 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE NOT t.tgisinternal AND ` + userSchema,

	`SELECT 'type ' || n.nspname || '.' || t.typname,
	   CASE t.typtype
	     WHEN 'e' THEN 'enum ' || (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
	     WHEN 'd' THEN concat_ws(' ', 'domain', format_type(t.typbasetype, t.typtypmod), CASE WHEN t.typnotnull THEN 'not null' END, 'default ' || t.typdefault)
	     WHEN 'r' THEN 'range' WHEN 'm' THEN 'multirange' ELSE 'base' END
	 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
	 WHERE t.typtype IN ('e', 'd', 'r', 'm', 'b') AND t.typcategory <> 'A' AND ` + userSchema + ` AND ` + notExtension("pg_type", "t.oid"),

	`SELECT 'extension ' || x.extname, x.extversion || ' ' || x.extnamespace::regnamespace::text FROM pg_extension x`,

	`SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname,
	   concat_ws(' ', permissive, roles::text, cmd, qual, with_check) FROM pg_policies`,

	`SELECT 'rule ' || schemaname || '.' || tablename || '.' || rulename, definition FROM pg_rules
	 WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,

	`SELECT 'publication ' || pubname, concat_ws(' ', puballtables, pubinsert, pubupdate, pubdelete) FROM pg_publication`,

	`SELECT 'event trigger ' || evtname, concat_ws(' ', evtevent, evtfoid::regproc, evtenabled, evttags::text) FROM pg_event_trigger`,

	// Roles live in the cluster, not the database: a second run that
	// creates one again changes what every database sees.
	`SELECT 'role ' || rolname, concat_ws(' ', rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls)
	 FROM pg_roles WHERE rolname NOT LIKE 'pg\_%'`,

	`SELECT 'default privileges ' || coalesce(d.defaclnamespace::regnamespace::text, '*') || ' ' || pg_get_userbyid(d.defaclrole) || ' ' || d.defaclobjtype::text,
	   d.defaclacl::text FROM pg_default_acl d`,
}

// pgTablesQuery lists the tables whose rows the snapshot sums: ordinary
// tables (partitions included, partitioned parents not, so that no row
// counts twice), without what extensions own.
const pgTablesQuery = `SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND ` + userSchema + ` AND ` + "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')" + `
 ORDER BY 1, 2`

// Snapshot reads the schema and a checksum of every table's rows.
func (p *pgSession) Snapshot(ctx context.Context) (*Snapshot, error) {
	snap := NewSnapshot()
	// A migration may leave the session in a transaction, with another
	// role, time zone or search_path: the snapshot starts from a clean
	// session so that row texts compare.
	_ = pgExec(ctx, p.conn, "ROLLBACK")
	if err := pgExec(ctx, p.conn, "DISCARD ALL"); err != nil {
		return nil, err
	}
	for _, q := range pgSchemaQueries {
		rows, err := pgQuery(ctx, p.conn, q)
		if err != nil {
			return nil, fmt.Errorf("%w\n%s", err, q)
		}
		for _, r := range rows {
			snap.Objects[r[0]] = r[1]
		}
	}
	tables, err := pgQuery(ctx, p.conn, pgTablesQuery)
	if err != nil {
		return nil, err
	}
	// One query per batch of tables: a round trip each would dominate on
	// a large schema.
	const batch = 50
	for i := 0; i < len(tables); i += batch {
		var parts []string
		for _, t := range tables[i:min(i+batch, len(tables))] {
			name := t[0] + "." + t[1]
			parts = append(parts, fmt.Sprintf(
				`SELECT %s, count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') FROM (SELECT md5(x::text) AS h FROM ONLY %s.%s x) s`,
				pgLiteral(name), pgIdent(t[0]), pgIdent(t[1])))
		}
		rows, err := pgQuery(ctx, p.conn, strings.Join(parts, "\nUNION ALL\n"))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			n, _ := strconv.ParseInt(r[1], 10, 64)
			snap.Tables[r[0]] = Rows{Count: n, Sum: r[2]}
		}
	}
	return snap, nil
}
