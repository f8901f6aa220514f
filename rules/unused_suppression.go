package rules

import "github.com/idemlint/idemlint/parser/model"

// UnusedSuppression is raised for suppressions that suppress nothing.
var UnusedSuppression = &Rule{
	ID:       "unused-suppression",
	Summary:  "A suppression comment suppresses nothing",
	Severity: Warning,
	Category: Meta,
	Help:     "delete the comment, or move it onto the line of the finding it is meant for",
	Doc: `## What it finds

An ` + "`idemlint:ignore`" + ` or ` + "`idemlint:ignore-file`" + ` comment that matched no
finding: the code was fixed, the comment sits on the wrong line, or it
names the wrong rule.

## Why it matters

Stale suppressions hide the next real problem on that line and mislead
readers about what is unsafe.

## How to fix it

Delete it, or move it to the statement it is meant for.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard -- checked by hand\nALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n", Bad: true, Note: "the statement is already guarded"},
	},
}
