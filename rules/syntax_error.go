package rules

import "github.com/idemlint/idemlint/parser/model"

// SyntaxError is raised by the engine for statements the parser rejects.
var SyntaxError = &Rule{
	ID:       "syntax-error",
	Summary:  "The parser rejected this statement",
	Severity: Error,
	Category: Syntax,
	Help:     "fix the statement so that the server's own parser accepts it, or pass the right --dialect",
	Doc: `## What it finds

A statement that PostgreSQL's parser (libpg_query, with the grammar of
PostgreSQL 16) or the MySQL parser (the TiDB grammar, extended for stored
programs) rejects. The finding sits at the token the parser stopped at.
Syntax added after PostgreSQL 16 is not understood yet, except for the
PostgreSQL 18 ` + "`ADD CONSTRAINT name NOT NULL column`" + `.

## Why it matters

A migration that does not parse fails on its first run, before any
re-run question arises, and idemlint cannot check what it cannot read.
Linting goes on with the next statement where the parser allows it.

## How to fix it

Correct the statement. When the file is valid for another server, tell
idemlint which one: ` + "`--dialect mysql`" + `, a path hint such as a
` + "`mysql/`" + ` directory, or ` + "`dialect:`" + ` in ` + "`.idemlint.yaml`" + `.
`,
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN ;\n", Bad: true, Note: "a column definition is missing"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n", Note: "valid SQL"},
	},
}
