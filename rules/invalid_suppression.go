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
	Doc: `## What it finds

An inline suppression that idemlint cannot honour as written:

- ` + "`-- idemlint:ignore <rule>[,<rule>] -- <reason>`" + ` on the statement's
  line, on the line above it, or in the comment block right above the
  statement;
- ` + "`-- idemlint:ignore-file <rule>[,<rule>] -- <reason>`" + ` anywhere in a file.

` + "`#`" + ` and ` + "`/* ... */`" + ` comments work the same way. ` + "`all`" + ` stands for
every rule. A suppression must name known rules and say why the code is
safe: the reason is what the next reader needs.

## How to fix it

Correct the rule ID (` + "`idemlint rules`" + ` lists them) and add a reason
after a second ` + "`--`" + `.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard\nALTER TABLE orders ADD COLUMN note text;\n", Bad: true, Note: "no reason given"},
		{Dialect: model.Postgres, SQL: "-- idemlint:ignore add-column-without-guard -- the runner checks the schema version first\nALTER TABLE orders ADD COLUMN note text;\n", Note: "a reason is given"},
	},
}
