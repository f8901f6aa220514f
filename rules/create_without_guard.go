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
	Fixable:  true,
	Help:     "add IF NOT EXISTS, or guard the statement with a catalog check",
	Doc: `## What it finds

A ` + "`CREATE`" + ` of a table, index, sequence, schema, extension, type, domain,
materialized view, policy, role, database, publication, statistics object or
server, and MySQL's ` + "`ALTER TABLE ... ADD INDEX/KEY`" + `, with nothing that
makes it safe to run twice: no ` + "`IF NOT EXISTS`" + `, no enclosing catalog
check, no earlier ` + "`DROP ... IF EXISTS`" + ` of the same object in the section. A table
created in a rebuild cycle (renamed away or dropped again before the section
ends, so that the second run finds the name free) is not reported.

An exception handler around it guards it only when it catches the error a
second run raises. PostgreSQL: ` + "`duplicate_table`" + ` (42P07) for tables, indexes,
sequences and views, ` + "`duplicate_function`" + ` (42723), ` + "`duplicate_schema`" + ` (42P06),
` + "`duplicate_database`" + ` (42P04), ` + "`duplicate_object`" + ` (42710) for types, domains,
triggers, policies, extensions, roles and the rest. MySQL and MariaDB: 1050
for tables and views, 1061 for indexes, 1304 for routines, 1359 for
triggers, 1537 for events, 1007 for databases. A handler for another
condition guards nothing, and the finding names the one it would need; an
unnamed index raises no error at all, so no handler guards it.

## Why it bites on re-run

The first run creates the object. When the migration runs again (the runner
timed out after the DDL committed, a MySQL script died half-way, a deploy was
retried), the server answers ` + "`relation \"orders\" already exists`" + ` (42P07)
or ` + "`Table 'orders' already exists`" + ` (1050) and the deploy is blocked.
An index without a name is worse: nothing fails, and every run adds one more
copy of the index.

## How to fix it

- PostgreSQL: ` + "`CREATE TABLE IF NOT EXISTS`" + `, ` + "`CREATE INDEX IF NOT EXISTS name`" + `,
  ` + "`CREATE SEQUENCE/SCHEMA/EXTENSION IF NOT EXISTS`" + `. Types, domains, policies
  and roles have no ` + "`IF NOT EXISTS`" + `: wrap them in a ` + "`DO`" + ` block that checks
  ` + "`pg_type`" + `/` + "`pg_policies`" + `/` + "`pg_roles`" + `, or catch ` + "`duplicate_object`" + `.
- MySQL 8.0: ` + "`CREATE TABLE IF NOT EXISTS`" + ` and ` + "`CREATE DATABASE IF NOT EXISTS`" + `;
  for indexes (no ` + "`IF NOT EXISTS`" + ` in MySQL) check
  ` + "`information_schema.statistics`" + ` and run the DDL through ` + "`PREPARE`" + `.
- MariaDB: also ` + "`CREATE INDEX IF NOT EXISTS`" + ` and ` + "`ADD INDEX IF NOT EXISTS`" + `.

Always name indexes: only a named index can be guarded.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "CREATE TABLE orders (id bigint PRIMARY KEY);\n", Bad: true},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n"},
		{Dialect: model.Postgres, SQL: "CREATE INDEX ON orders (created_at);\n", Bad: true, Note: "an unnamed index is duplicated on every run"},
		{Dialect: model.Postgres, SQL: "CREATE INDEX IF NOT EXISTS orders_created_at_idx ON orders (created_at);\n"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE orders (id bigint PRIMARY KEY);\n", Bad: true},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD INDEX idx_created (created_at);\n", Bad: true},
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
