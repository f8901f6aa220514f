package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// CreateWithoutGuard finds CREATE statements that fail (or duplicate) on a
// second run.
var CreateWithoutGuard = &Rule{
	ID:       "create-without-guard",
	Summary:  "CREATE without IF NOT EXISTS fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "add IF NOT EXISTS, or guard the statement with a catalog check",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "CREATE TABLE orders (id bigint PRIMARY KEY);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n"},
		{Dialect: model.Postgres, SQL: "CREATE INDEX ON orders (created_at);\n", Bad: true, Note: "an unnamed index is duplicated on every run"},
		{Dialect: model.Postgres, SQL: "CREATE INDEX IF NOT EXISTS orders_created_at_idx ON orders (created_at);\n"},
		{Dialect: model.Postgres, SQL: "CREATE TYPE mood AS ENUM ('sad', 'ok');\n", Bad: true, Note: "PostgreSQL has no CREATE TYPE IF NOT EXISTS",
			Fixed: "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'mood' AND n.nspname = current_schema()) THEN\n" +
				"CREATE TYPE mood AS ENUM ('sad', 'ok');\n  END IF;\nEND $$;\n"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE orders (id bigint PRIMARY KEY);\n", Bad: true},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD INDEX idx_created (created_at);\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.statistics\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'orders' AND index_name = 'idx_created') = 0,\n" +
				"  'ALTER TABLE orders ADD INDEX idx_created (created_at)',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "CREATE INDEX idx_created ON orders (created_at);\n", Bad: true,
			Fixed: "CREATE INDEX IF NOT EXISTS idx_created ON orders (created_at);\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActCreate || e.Object.Kind.Replaceable() || e.Safe() {
				return
			}
			d := p.Script.Dialect
			if e.Unnamed {
				p.ReportEffect(e, fmt.Sprintf("%s on %s has no name: every run creates another copy of it", "index", e.Object.Table),
					dialectHelp(d, "name the index and write CREATE INDEX IF NOT EXISTS <name> ON ...",
						"name the index and create it only when information_schema.statistics does not list it",
						"name the index and write CREATE INDEX IF NOT EXISTS <name> ON ..."))
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is created without a guard: a second run fails because it already exists", quoted(e.Object)),
				createHelp(e.Object.Kind, d))
		})
	},
}

func createHelp(k model.ObjectKind, d model.Dialect) string {
	if d.MySQLFamily() {
		switch k {
		case model.KindTable, model.KindDatabase, model.KindSchema, model.KindRole:
			return "write CREATE " + upperKind(k, d) + " IF NOT EXISTS"
		case model.KindIndex:
			return dialectHelp(d, "", "MySQL has no CREATE INDEX IF NOT EXISTS: check information_schema.statistics and run the DDL through PREPARE",
				"write CREATE INDEX IF NOT EXISTS (MariaDB), or check information_schema.statistics first")
		}
		return "check information_schema first and run the DDL only when the object is missing"
	}
	switch k {
	case model.KindTable, model.KindIndex, model.KindSequence, model.KindSchema, model.KindExtension,
		model.KindMatView, model.KindStatistics, model.KindServer, model.KindCollation:
		return "write CREATE " + upperKind(k, d) + " IF NOT EXISTS"
	case model.KindType, model.KindDomain:
		return "PostgreSQL has no CREATE TYPE IF NOT EXISTS: wrap it in a DO block that checks pg_type, or catches duplicate_object"
	case model.KindPolicy:
		return "PostgreSQL has no CREATE POLICY IF NOT EXISTS: DROP POLICY IF EXISTS first, or check pg_policies in a DO block"
	case model.KindRole:
		return "PostgreSQL has no CREATE ROLE IF NOT EXISTS: check pg_roles in a DO block, or catch duplicate_object"
	case model.KindDatabase:
		return "PostgreSQL has no CREATE DATABASE IF NOT EXISTS: create databases outside migrations, or check pg_database first"
	}
	return "check the catalog first (a DO block), or drop the object with IF EXISTS before creating it"
}

func upperKind(k model.ObjectKind, d model.Dialect) string {
	switch k {
	case model.KindMatView:
		return "MATERIALIZED VIEW"
	case model.KindServer:
		return "SERVER"
	case model.KindRole:
		if d.MySQLFamily() {
			return "USER"
		}
	}
	s := []byte(k.String())
	for i, c := range s {
		if c >= 'a' && c <= 'z' {
			s[i] = c - 32
		}
	}
	return string(s)
}
