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
	Doc: `## What it finds

` + "`ALTER TABLE ... ALTER COLUMN c TYPE t USING <expr>`" + ` where the expression does
more than cast the column: ` + "`USING (current_date + c)`" + `, ` + "`USING to_timestamp(c)`" + `,
` + "`USING c * 100`" + `.

## Why it bites on re-run

The second run converts the column again, and this time the column already
has the new type: the expression fails (` + "`operator does not exist: date + timestamp`" + `,
42883; ` + "`function to_timestamp(timestamp) does not exist`" + `) or, worse, converts the
data a second time (` + "`c * 100`" + `).

## How to fix it

Write the conversion as a plain cast when the types allow it
(` + "`USING c::timestamptz`" + `, which is a no-op on the second run), or wrap the
change in a ` + "`DO`" + ` block that runs it only while
` + "`information_schema.columns.data_type`" + ` still shows the old type.
`,
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
