package rules

import "github.com/idemlint/idemlint/parser/model"

// UnusedSuppression is raised for suppressions that suppress nothing.
var UnusedSuppression = &Rule{
	ID:       "unused-suppression",
	Summary:  "A suppression comment suppresses nothing",
	Severity: Warning,
	Category: Meta,
	Help:     "delete the comment, or move it onto the line of the finding it is meant for",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard -- checked by hand\nALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n", Bad: true, Note: "the statement is already guarded"},
	},
}
