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

The PL/pgSQL bodies of ` + "`DO`" + ` blocks and ` + "`LANGUAGE plpgsql`" + ` routines are
parsed too, as the server does when it runs the block or creates the
routine: a syntax error inside one sits at the text the PL/pgSQL parser
stopped at (at the end of the body when it ran out of input). Errors that
need the database's catalog (a variable of a type only the server knows)
are not reported; such a body is just not checked.

psql scripts (pg_dump output, Sqitch changes) are read as psql reads them:
a line that starts with a backslash where a statement would start is a
psql meta-command (` + "`\\connect`" + `, ` + "`\\set`" + `, ` + "`\\i`" + `), and the rows after
` + "`COPY ... FROM stdin;`" + ` up to the line ` + "`\\.`" + ` are data. Neither is SQL:
both are skipped, never linted and never edited by ` + "`--fix`" + `. A ` + "`\\copy ... from`" + `
line is checked as the COPY it runs.

A migration is read the way its framework sends it to the server: each
goose and dbmate section, each goose ` + "`StatementBegin`/`StatementEnd`" + ` block
and each Liquibase changeset (and its rollback) on its own, so its last
statement needs no semicolon. Outside a block goose ends a statement only
at a line that ends with a semicolon: a statement still open at the next
section or at the end of the file is reported here, at its end, because
goose refuses the file ("unexpected unfinished SQL query ... missing
semicolon?"); one still open when a block begins goes to the server with
the block, which refuses it.

SQL built in a string and run later is read where it can be: PL/pgSQL
` + "`EXECUTE`" + ` of a literal, of ` + "`format()`" + ` (` + "`%I`" + `, ` + "`%s`" + `, ` + "`%L`" + `, ` + "`%%`" + `, ` + "`%1$I`" + `), of
concatenations with ` + "`quote_ident`" + `/` + "`quote_literal`" + ` and of variables that hold
SQL text, and MySQL/MariaDB ` + "`PREPARE`" + ` and ` + "`EXECUTE IMMEDIATE`" + ` strings. A
placeholder stands for a name or a value the linter cannot know. The server
checks such a string only when it runs it, and the branch that holds it may
never run: a string that does not parse is therefore not a syntax error of
the file. It is left unread, and ` + "`--verbose`" + ` says where and why.

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
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  IF true THEN\n    PERFORM 1;\n  END IFF;\nEND\n$$;\n", Bad: true, Note: "a PL/pgSQL body that does not parse"},
		{Dialect: model.Postgres, SQL: "COPY roles (name) FROM stdin;\nDROP TABLE users;\n\\.\n", Note: "COPY data rows are data, even when they look like SQL"},
		{Dialect: model.MySQL, SQL: "SET @s = IF(@n > 0, 'SELECT 1', 'CREATE INDEX ON t(a)');\nPREPARE st FROM @s;\n", Note: "a prepared string that does not parse is left unread: the server checks it only when it runs"},
	},
}
