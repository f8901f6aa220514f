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
	Help:     "make the conversion a plain cast, or run it only while the column still has the old type (check information_schema.columns.data_type)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE retention_policy ALTER COLUMN create_time TYPE timestamp USING (current_date + create_time);\n", Bad: true},
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
