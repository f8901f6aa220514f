package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// RenameWithoutGuard finds renames, which can never succeed twice.
var RenameWithoutGuard = &Rule{
	ID:       "rename-without-guard",
	Summary:  "RENAME of a table, column, index or constraint fails on the second run",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "run the rename only when the old name still exists (a catalog check)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE users RENAME COLUMN name TO full_name;\n", Bad: true,
			Fixed: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'name' AND NOT attisdropped) THEN\n" +
				"ALTER TABLE users RENAME COLUMN name TO full_name;\n  END IF;\nEND $$;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE accounts RENAME TO customers;\n", Bad: true, Fixed: "ALTER TABLE IF EXISTS accounts RENAME TO customers;\n"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns\n" +
			"             WHERE table_name = 'users' AND column_name = 'name') THEN\n" +
			"    ALTER TABLE users RENAME COLUMN name TO full_name;\n  END IF;\nEND $$;\n", Note: "renamed only while the old column exists"},
		{Dialect: model.MySQL, SQL: "RENAME TABLE users TO accounts;\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.tables\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'users') > 0,\n" +
				"  'RENAME TABLE users TO accounts',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE users RENAME COLUMN name TO full_name;\n", Bad: true,
			Fixed: "ALTER TABLE users RENAME COLUMN IF EXISTS name TO full_name;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE orders (id bigint PRIMARY KEY);\n" +
			"INSERT INTO orders (id) SELECT id FROM orders_old;\n", Bad: true, Note: "the backup is kept: on the second run orders_old is taken"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE orders (id bigint PRIMARY KEY);\n" +
			"INSERT INTO orders (id) SELECT id FROM orders_old;\nDROP TABLE orders_old;\n", Note: "a rebuild cycle: the second run renames the new table away and drops it in turn"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActRename || e.Safe() {
				return
			}
			to := ""
			if e.NewName != "" {
				to = " to " + e.NewName
			}
			why := "the old name no longer exists"
			if e.RerunMeets != "" {
				// Following the section's names shows what the second run meets.
				why = e.RerunMeets
			}
			p.ReportEffect(e, fmt.Sprintf("%s is renamed%s without a guard: a second run fails because %s", quoted(e.Object), to, why), "")
		})
	},
}
