package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// AddColumnWithoutGuard finds ADD COLUMN that fails on a second run.
var AddColumnWithoutGuard = &Rule{
	ID:       "add-column-without-guard",
	Summary:  "ALTER TABLE ... ADD COLUMN without a guard fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "write ADD COLUMN IF NOT EXISTS, or check information_schema.columns first",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN status text;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;\n"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  ALTER TABLE orders ADD COLUMN status text;\nEXCEPTION WHEN duplicate_table THEN NULL;\nEND $$;\n", Bad: true,
			Note: "the handler catches the wrong error: a second run raises duplicate_column"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  ALTER TABLE orders ADD COLUMN status text;\nEXCEPTION WHEN duplicate_column THEN NULL;\nEND $$;\n",
			Note: "a handler for the error a second run raises"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD COLUMN status varchar(20);\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.columns\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') = 0,\n" +
				"  'ALTER TABLE orders ADD COLUMN status varchar(20)',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders ADD COLUMN status varchar(20);\n", Bad: true,
			Fixed: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);\n"},
		{Dialect: model.MySQL, SQL: "SET @ddl = IF((SELECT COUNT(*) FROM information_schema.columns\n" +
			"  WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') = 0,\n" +
			"  'ALTER TABLE orders ADD COLUMN status varchar(20)', 'SELECT 1');\n" +
			"PREPARE stmt FROM @ddl;\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;\n", Note: "the prepared-statement guard"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActAdd || e.Object.Kind != model.KindColumn || e.Safe() {
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is added without a guard: a second run fails because the column already exists", quoted(e.Object)),
				dialectHelp(p.Script.Dialect, "write ADD COLUMN IF NOT EXISTS",
					"MySQL has no ADD COLUMN IF NOT EXISTS: check information_schema.columns and run the ALTER through PREPARE",
					"write ADD COLUMN IF NOT EXISTS"))
		})
	},
}
