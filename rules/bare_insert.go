package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// BareInsert finds inserts and bulk loads (COPY FROM, psql's \copy) that
// add rows again on a second run.
var BareInsert = &Rule{
	ID:       "bare-insert",
	Summary:  "INSERT or COPY FROM without a conflict or existence guard",
	Severity: Warning,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "add ON CONFLICT DO NOTHING / INSERT IGNORE, or insert only WHERE NOT EXISTS",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true, Note: "no fix: the file does not say which unique key the rows carry"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE);\nINSERT INTO roles (name) VALUES ('admin');\n", Bad: true,
			Fixed: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE);\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n"},
		{Dialect: model.Postgres, SQL: "INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;\n"},
		{Dialect: model.Postgres, SQL: "DELETE FROM roles WHERE name = 'admin';\nINSERT INTO roles (name) VALUES ('admin');\n", Note: "delete-then-insert"},
		{Dialect: model.MySQL, SQL: "INSERT INTO roles (name) VALUES ('admin');\n", Bad: true,
			Fixed: "INSERT INTO roles (name) SELECT 'admin' FROM DUAL\nWHERE NOT EXISTS (SELECT 1 FROM roles WHERE name = 'admin');\n"},
		{Dialect: model.MySQL, SQL: "INSERT IGNORE INTO roles (name) VALUES ('admin');\n"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n", Bad: true, Note: "the only unique key is id, which the INSERT leaves to its sequence"},
		{Dialect: model.Postgres, SQL: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE);\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n", Note: "name is a unique key the row supplies"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS roles (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50));\nINSERT IGNORE INTO roles (name) VALUES ('admin');\n", Bad: true, Note: "the only unique key is id, which the INSERT leaves to AUTO_INCREMENT"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM '/srv/seed/roles.csv' WITH (FORMAT csv);\n", Bad: true, Note: "a server-side file, loaded again on every run"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM stdin;\nadmin\n\\.\n", Bad: true, Note: "pg_dump style: the rows follow the statement"},
		{Dialect: model.Postgres, SQL: "CREATE TEMP TABLE roles_seed (LIKE roles);\nCOPY roles_seed (name) FROM stdin;\nadmin\n\\.\nINSERT INTO roles (name) SELECT name FROM roles_seed ON CONFLICT (name) DO NOTHING;\n", Note: "load into a temporary table, then insert what is missing"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActInsert || e.Safe() || p.isLedger(e.Object) {
				return
			}
			if e.Load != "" {
				p.ReportEffect(e, fmt.Sprintf("%s into %s loads the rows again on every run: a second run duplicates them or fails on a unique key", e.Load, e.Object.Qualified()),
					"load into a temporary table, then INSERT ... SELECT ... ON CONFLICT DO NOTHING from it; or empty the table earlier in the section")
				return
			}
			if e.GuardVoid != "" {
				p.ReportEffect(e, fmt.Sprintf("insert into %s: %s never meets a duplicate, because %s; every run inserts the rows again", e.Object.Qualified(), e.Guard, e.GuardVoid),
					dialectHelp(p.Script.Dialect, "give the rows a natural unique key (a UNIQUE constraint on the columns that identify a row) and write ON CONFLICT (those columns) DO NOTHING, or insert only WHERE NOT EXISTS",
						"give the rows a natural unique key (a UNIQUE key on the columns that identify a row) and insert those columns, or insert only WHERE NOT EXISTS", ""))
				return
			}
			p.ReportEffect(e, fmt.Sprintf("insert into %s has no conflict or existence guard: a second run inserts the rows again or fails on a unique key", e.Object.Qualified()),
				dialectHelp(p.Script.Dialect, "add ON CONFLICT DO NOTHING, or insert only WHERE NOT EXISTS",
					"write INSERT IGNORE or ON DUPLICATE KEY UPDATE, or insert only WHERE NOT EXISTS", ""))
		})
	},
}
