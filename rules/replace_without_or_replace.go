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
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "write CREATE OR REPLACE, or DROP ... IF EXISTS just before",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "CREATE VIEW active_users AS SELECT * FROM users WHERE active;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;\n"},
		{Dialect: model.Postgres, Target: "postgres:13", SQL: "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();\n", Bad: true,
			Note:  "CREATE OR REPLACE TRIGGER needs PostgreSQL 14",
			Fixed: "DROP TRIGGER IF EXISTS orders_touch ON orders;\nCREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();\n"},
		{Dialect: model.MySQL, SQL: "DELIMITER //\nCREATE PROCEDURE cleanup() BEGIN DELETE FROM sessions WHERE expired = 1; END //\nDELIMITER ;\n", Bad: true},
		{Dialect: model.MySQL, Target: "mysql:5.7", SQL: "DELIMITER //\nCREATE PROCEDURE cleanup() BEGIN DELETE FROM sessions WHERE expired = 1; END //\nDELIMITER ;\n", Bad: true,
			Note:  "before MySQL 8.0.29: dropped first",
			Fixed: "DELIMITER //\nDROP PROCEDURE IF EXISTS cleanup//\nCREATE PROCEDURE cleanup() BEGIN DELETE FROM sessions WHERE expired = 1; END //\nDELIMITER ;\n"},
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
