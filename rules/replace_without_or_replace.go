package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// ReplaceWithoutOrReplace finds views, routines and triggers created in a
// way that fails when they exist.
var ReplaceWithoutOrReplace = &Rule{
	ID:       "replace-without-or-replace",
	Summary:  "CREATE VIEW / FUNCTION / PROCEDURE / TRIGGER without OR REPLACE or an earlier DROP ... IF EXISTS",
	Severity: Error,
	Category: Rerun,
	Fixable:  true,
	Help:     "write CREATE OR REPLACE, or DROP ... IF EXISTS just before",
	Doc: `## What it finds

` + "`CREATE VIEW`" + `, ` + "`CREATE FUNCTION`" + `, ` + "`CREATE PROCEDURE`" + `, ` + "`CREATE TRIGGER`" + `,
` + "`CREATE RULE`" + ` or ` + "`CREATE EVENT`" + ` with neither ` + "`OR REPLACE`" + ` nor an earlier
` + "`DROP ... IF EXISTS`" + ` of the same object in the section.

## Why it bites on re-run

These objects are definitions: the second run fails with ` + "`already exists`" + `
(42P07, 42723, 42710; MySQL 1304, 1359). They are also the objects most often
edited in place, and Flyway ` + "`R__`" + ` files and Liquibase ` + "`runOnChange`" + `
changesets re-run them by design.

## How to fix it

- PostgreSQL: ` + "`CREATE OR REPLACE VIEW/FUNCTION/PROCEDURE`" + `; ` + "`CREATE OR REPLACE TRIGGER`" + `
  from PostgreSQL 14, or ` + "`DROP TRIGGER IF EXISTS t ON tbl`" + ` first.
- MySQL: ` + "`CREATE OR REPLACE VIEW`" + `; procedures, functions and triggers have no
  ` + "`OR REPLACE`" + `: ` + "`CREATE PROCEDURE IF NOT EXISTS p`" + ` from MySQL 8.0.29 (what ` + "`--fix`" + `
  writes), or ` + "`DROP PROCEDURE IF EXISTS p`" + ` right before ` + "`CREATE PROCEDURE p`" + ` on older servers.
- MariaDB: ` + "`CREATE OR REPLACE`" + ` works for all of them.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "CREATE VIEW active_users AS SELECT * FROM users WHERE active;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;\n"},
		{Dialect: model.MySQL, SQL: "DELIMITER //\nCREATE PROCEDURE cleanup() BEGIN DELETE FROM sessions WHERE expired = 1; END //\nDELIMITER ;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "DROP PROCEDURE IF EXISTS cleanup;\nDELIMITER //\nCREATE PROCEDURE cleanup() BEGIN DELETE FROM sessions WHERE expired = 1; END //\nDELIMITER ;\n"},
	},
	Run: func(p *Pass) {
		d := p.Script.Dialect
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActCreate || !e.Object.Kind.Replaceable() || e.Safe() {
				return
			}
			help := "write CREATE OR REPLACE"
			switch {
			case d == model.MySQL && e.Object.Kind != model.KindView:
				// The fix writes IF NOT EXISTS; the help says which
				// servers take it and what works before them.
				kind := upperKind(e.Object.Kind, d)
				help = fmt.Sprintf("MySQL has no CREATE OR REPLACE %s: write CREATE %s IF NOT EXISTS (MySQL 8.0.29+), or before 8.0.29 DROP %s IF EXISTS %s right before it",
					kind, kind, kind, e.Object.Name)
			case d == model.Postgres && e.Object.Kind == model.KindTrigger:
				help = "write CREATE OR REPLACE TRIGGER (PostgreSQL 14+), or DROP TRIGGER IF EXISTS ... ON ... first"
			}
			p.ReportEffect(e, fmt.Sprintf("%s is created without OR REPLACE: a second run fails because it already exists", quoted(e.Object)), help)
		})
	},
}
