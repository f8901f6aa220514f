package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// DropWithoutIfExists finds DROP statements that fail once the object is gone.
var DropWithoutIfExists = &Rule{
	ID:       "drop-without-if-exists",
	Summary:  "DROP without IF EXISTS fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "write DROP ... IF EXISTS",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP COLUMN legacy_status;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP COLUMN IF EXISTS legacy_status;\n"},
		{Dialect: model.MySQL, SQL: "DROP TABLE old_orders;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "DROP TABLE IF EXISTS old_orders;\n"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders DROP FOREIGN KEY fk_user;\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.table_constraints\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'fk_user' AND constraint_type = 'FOREIGN KEY') > 0,\n" +
				"  'ALTER TABLE orders DROP FOREIGN KEY fk_user',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders DROP FOREIGN KEY fk_user;\n", Bad: true,
			Fixed: "ALTER TABLE orders DROP FOREIGN KEY IF EXISTS fk_user;\n"},
	},
	Run: func(p *Pass) {
		d := p.Script.Dialect
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActDrop || e.Safe() {
				return
			}
			help := "write DROP ... IF EXISTS"
			if d == model.MySQL {
				switch e.Object.Kind {
				case model.KindColumn, model.KindIndex, model.KindConstraint, model.KindPartition:
					help = "MySQL has no IF EXISTS here: check information_schema and run the ALTER through PREPARE (--fix writes it)"
				}
			}
			p.ReportEffect(e, fmt.Sprintf("%s is dropped without IF EXISTS: a second run fails because it no longer exists", quoted(e.Object)), help)
		})
	},
}
