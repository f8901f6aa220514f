package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// AddConstraintWithoutGuard finds ADD CONSTRAINT that fails or duplicates
// on a second run.
var AddConstraintWithoutGuard = &Rule{
	ID:       "add-constraint-without-guard",
	Summary:  "ADD CONSTRAINT / PRIMARY KEY / FOREIGN KEY / UNIQUE / CHECK without a guard",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "drop the constraint with IF EXISTS first, or check the catalog before adding it",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n", Bad: true,
			Fixed: "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'orders_user_fk') THEN\n" +
				"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n  END IF;\nEND $$;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n", Note: "dropped first in the same section"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD CHECK (total >= 0);\n", Bad: true, Note: "unnamed: duplicated on every run"},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);\n", Bad: true,
			Fixed: "SET @idemlint_sql = IF(\n" +
				"  (SELECT COUNT(*) FROM information_schema.table_constraints\n" +
				"    WHERE table_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'fk_user') = 0,\n" +
				"  'ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)',\n" +
				"  'DO 0');\n" +
				"PREPARE idemlint_stmt FROM @idemlint_sql;\n" +
				"EXECUTE idemlint_stmt;\n" +
				"DEALLOCATE PREPARE idemlint_stmt;\n"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0);\n", Bad: true,
			Fixed: "ALTER TABLE orders ADD CONSTRAINT IF NOT EXISTS ck_total CHECK (total >= 0);\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActAdd || e.Object.Kind != model.KindConstraint || e.Safe() {
				return
			}
			if e.Unnamed {
				p.ReportEffect(e, fmt.Sprintf("unnamed constraint on %s: every run adds another copy of it", e.Object.Table),
					"name the constraint, and drop it with IF EXISTS (or check the catalog) before adding it")
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is added without a guard: a second run fails because it already exists", quoted(e.Object)),
				dialectHelp(p.Script.Dialect,
					"run ALTER TABLE ... DROP CONSTRAINT IF EXISTS first, or add it in a DO block that checks pg_constraint",
					"check information_schema.table_constraints and run the ALTER through PREPARE",
					"write ADD CONSTRAINT c FOREIGN KEY IF NOT EXISTS, ADD UNIQUE KEY IF NOT EXISTS, or ADD CONSTRAINT IF NOT EXISTS c CHECK (MariaDB), or check information_schema.table_constraints first"))
		})
	},
}
