package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// MySQLUnsupportedIfExists finds MariaDB-only guards in files for MySQL.
var MySQLUnsupportedIfExists = &Rule{
	ID:       "mysql-unsupported-if-exists",
	Summary:  "IF [NOT] EXISTS or OR REPLACE forms that the target MySQL version rejects",
	Severity: Error,
	Category: Portability,
	Dialects: []model.Dialect{model.MySQL},
	Fixable:  []model.Dialect{model.MySQL},
	Help:     "use an information_schema check with PREPARE, or lint the file as mariadb if it only runs there",
	Examples: []Example{
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.columns\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') = 0,\n" +
				"  'ALTER TABLE orders ADD COLUMN status varchar(20)',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);\n", Note: "fine on MariaDB"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS orders (id int);\n", Note: "MySQL accepts this one"},
		{Dialect: model.MySQL, Target: "mysql:5.7", SQL: "CREATE TRIGGER IF NOT EXISTS orders_ai AFTER INSERT ON orders FOR EACH ROW SET @n = 1;\n", Bad: true, Note: "MySQL has it from 8.0.29",
			Fixed: "DROP TRIGGER IF EXISTS orders_ai;\nCREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW SET @n = 1;\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			var what, help string
			switch e.Guard {
			case model.GuardIfNotExists, model.GuardIfExists:
				switch e.Object.Kind {
				case model.KindColumn, model.KindIndex, model.KindConstraint, model.KindPartition, model.KindSequence:
					what = e.Guard.String()
				case model.KindTable:
					// MySQL has neither ALTER TABLE IF EXISTS nor RENAME
					// TABLE IF EXISTS.
					if e.Action == model.ActRename {
						what = e.Guard.String()
					}
				case model.KindTrigger, model.KindFunction, model.KindProcedure:
					if e.Action == model.ActCreate && !p.Script.Target.Has(model.RoutineIfNotExists) {
						what = e.Guard.String()
						help = fmt.Sprintf("write DROP %s IF EXISTS before a plain CREATE %s (IF NOT EXISTS needs %s)",
							strings.ToUpper(e.Object.Kind.String()), strings.ToUpper(e.Object.Kind.String()), p.Script.Target.Needs(model.RoutineIfNotExists))
					}
				}
			case model.GuardOrReplace:
				if e.Object.Kind != model.KindView {
					what = e.Guard.String()
				}
			}
			if what == "" {
				return
			}
			sp := e.GuardSpan
			if sp.End <= sp.Start {
				sp = e.Span
			}
			p.Report(Finding{Span: sp, Stmt: e.Stmt, Help: help, Fix: p.fixOf(e),
				Message: fmt.Sprintf("%s rejects %s on %s %s: the statement fails on its first run", p.Script.Target.Label(), what, e.Action, e.Object.Kind)})
		})
	},
}
