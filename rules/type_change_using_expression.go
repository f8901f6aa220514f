package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// TypeChangeUsingExpression finds column type changes whose USING
// expression only works on the old type.
var TypeChangeUsingExpression = &Rule{
	ID:       "type-change-using-expression",
	Summary:  "ALTER COLUMN ... TYPE ... USING an expression written for the old type",
	Severity: Warning,
	Category: Rerun,
	Dialects: []model.Dialect{model.Postgres},
	Fixable:  []model.Dialect{model.Postgres},
	Help:     "make the conversion a plain cast, or run it only while the column does not have the new type yet (a pg_attribute check)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE retention_policy ALTER COLUMN create_time TYPE timestamp USING (current_date + create_time);\n", Bad: true,
			Fixed: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'retention_policy'::regclass AND attname = 'create_time' AND NOT attisdropped" +
				" AND (atttypid <> 'pg_catalog.timestamp'::regtype OR atttypmod <> -1)) THEN\n" +
				"ALTER TABLE retention_policy ALTER COLUMN create_time TYPE timestamp USING (current_date + create_time);\n  END IF;\nEND $$;\n"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE events ALTER COLUMN created TYPE timestamptz USING created::timestamptz;\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActRetype || e.Safe() {
				return
			}
			p.ReportEffect(e, fmt.Sprintf("%s is converted with USING %s: a second run applies it to the new type", quoted(e.Object), e.Using), "")
		})
	},
}
