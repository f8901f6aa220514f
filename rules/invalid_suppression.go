package rules

import "github.com/idemlint/idemlint/parser/model"

// InvalidSuppression is raised for suppression comments that name an
// unknown rule or give no reason.
var InvalidSuppression = &Rule{
	ID:       "invalid-suppression",
	Summary:  "A suppression comment names an unknown rule or gives no reason",
	Severity: Warning,
	Category: Meta,
	Help:     "write -- idemlint:ignore <rule>[,<rule>] -- <why this is safe>",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard\nALTER TABLE orders ADD COLUMN note text;\n", Bad: true, Note: "no reason given"},
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard -- the runner checks the schema version first\nALTER TABLE orders ADD COLUMN note text;\n", Note: "a reason is given"},
	},
}
