package rules

import "github.com/idemlint/idemlint/parser/model"

// SyntaxError is raised by the engine for statements the parser rejects.
var SyntaxError = &Rule{
	ID:       "syntax-error",
	Summary:  "The parser rejected this statement",
	Severity: Error,
	Category: Syntax,
	Help:     "fix the statement so that the server's own parser accepts it, or pass the right --dialect",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN ;\n", Bad: true, Note: "a column definition is missing"},
		{Dialect: model.Postgres, SQL: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n", Note: "valid SQL"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  IF true THEN\n    PERFORM 1;\n  END IFF;\nEND\n$$;\n", Bad: true, Note: "a PL/pgSQL body that does not parse"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM stdin;\nDROP TABLE users;\n\\.\n", Note: "COPY data rows are data, even when they look like SQL"},
		{Dialect: model.MySQL, SQL: "SET @s = IF(@n > 0, 'SELECT 1', 'CREATE INDEX ON t(a)');\nPREPARE st FROM @s;\n", Note: "a prepared string that does not parse is left unread: the server checks it only when it runs"},
	},
}
