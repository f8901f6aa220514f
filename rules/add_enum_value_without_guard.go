package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// AddEnumValueWithoutGuard finds ALTER TYPE ... ADD VALUE without IF NOT EXISTS.
var AddEnumValueWithoutGuard = &Rule{
	ID:       "add-enum-value-without-guard",
	Summary:  "ALTER TYPE ... ADD VALUE without IF NOT EXISTS fails on the second run",
	Severity: Error,
	Category: Rerun,
	Dialects: []model.Dialect{model.Postgres},
	Fixable:  []model.Dialect{model.Postgres},
	Help:     "write ALTER TYPE ... ADD VALUE IF NOT EXISTS",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TYPE mood ADD VALUE 'happy';\n", Bad: true},
		{Dialect: model.Postgres, SQL: "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActAdd || e.Object.Kind != model.KindEnumValue || e.Safe() {
				return
			}
			p.ReportEffect(e, fmt.Sprintf("value '%s' is added to enum %s without IF NOT EXISTS: a second run fails because the label exists", e.Object.Name, e.Object.Table), "")
		})
	},
}
