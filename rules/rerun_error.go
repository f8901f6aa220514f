package rules

// RerunError is raised by idemlint verify when a migration's second run
// fails on a real server.
var RerunError = &Rule{
	ID:       "rerun-error",
	Summary:  "applied a second time to a real database, the migration fails",
	Severity: Error,
	Category: Verify,
	Help:     "guard the failing statement (IF NOT EXISTS, a catalog check, ON CONFLICT) so that a second run finds its work done",
	Doc: `## What it finds

` + "`idemlint verify`" + ` applied the history before this migration to a throwaway
database, applied the migration, copied the resulting database, and applied
the migration again to the copy. The second run failed: the finding sits on
the statement the server rejected (verify sends the statements one by one,
as migration tools do, so this is the exact statement, at its line; when the
server points further into a long statement, the message names that line)
and quotes the server's error, e.g.
` + "`ERROR 42701: column \"status\" of relation \"orders\" already exists`" + ` or
` + "`ERROR 1060 (42S21): Duplicate column name 'status'`" + `.

This is not a guess: a deploy that retries the migration (a crashed
runner, a ledger row that was never written, a hand-run hotfix) meets the
same error in production. On MySQL and MariaDB every DDL statement commits
by itself, so the file is also left half-applied.

The verdict comes from the server named in the message; another server or
version (MySQL 8 rather than MariaDB, an older PostgreSQL) may decide
differently.

## How to fix it

Make the failing statement find its work done:

- ` + "`CREATE TABLE/INDEX/SCHEMA/EXTENSION IF NOT EXISTS`" + `, ` + "`ADD COLUMN IF NOT EXISTS`" + `
  (PostgreSQL, MariaDB), ` + "`DROP ... IF EXISTS`" + `, ` + "`CREATE OR REPLACE`" + ` for views
  and functions.
- Where the server has no such clause (constraints, enum values, MySQL 8
  columns and indexes), check the catalog first: a ` + "`DO`" + ` block testing
  ` + "`pg_constraint`" + ` or ` + "`information_schema`" + `, or on MySQL a ` + "`PREPARE`" + `d
  statement chosen with ` + "`IF()`" + ` from a count of ` + "`information_schema`" + ` rows.
- ` + "`INSERT ... ON CONFLICT DO NOTHING`" + ` / ` + "`INSERT IGNORE`" + ` for seed rows with a key.

Run ` + "`idemlint`" + ` on the file for the fix its rules suggest, then
` + "`idemlint verify`" + ` again.
`,
}
