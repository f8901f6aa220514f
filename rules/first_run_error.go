package rules

// FirstRunError is raised by idemlint verify when a migration fails on its
// first application to the history before it. It is an error: a migration
// that fails (or hangs past the time limit) was not verified, and a run
// that verified nothing must not pass.
var FirstRunError = &Rule{
	ID:       "first-run-error",
	Summary:  "applied once to a real database after the migrations before it, the migration fails",
	Severity: Error,
	Category: Verify,
	Help:     "make the migration apply on the scratch server (roles, extensions, server version), or check the migrations before it",
	Doc: `## What it finds

` + "`idemlint verify`" + ` applied the migrations before this one to a throwaway
database, in order, and then this one: it failed on its first run, so its
re-run safety could not be checked. The finding sits on the statement the
server rejected and quotes the server's error.

It is an error, like the other verify findings: a migration that never
applies is the worst outcome there is, and a run that verified nothing
must not pass. ` + "`idemlint verify`" + ` exits with status 1 when a migration fails
its first run (with the default ` + "`--fail-on error`" + `).

Often the migration is fine and the scratch server differs from
production: a role, an extension, a tablespace or a setting the
migration expects, another server (MariaDB where MySQL 8 is used, which
differ in syntax and collations), or template placeholders that a tool
fills in before running the file. Sometimes an earlier migration failed
and this one builds on what it would have made: the message says so, and
the later verdicts of the run may be affected too.

A statement that runs past ` + "`--timeout`" + ` (30 seconds by default), or waits
that long for a lock, is stopped: the message names its line and the
limit.

On verify's own server the migrations run as an account without
superuser powers (see docs/security.md): a migration that creates roles,
or uses an extension only a superuser may create, fails here unless
` + "`--setup`" + ` made them first.

On MySQL and MariaDB the statements before the failing one stay applied
(every DDL statement commits by itself), exactly as in production, and
later migrations run on that half-applied state.

## How to fix it

- Create what the migration expects on the server before running verify
  (a role, an extension, with ` + "`--setup`" + `), or run verify with ` + "`--dsn`" + ` against a
  server set up like production.
- Run verify with the dialect of the production server (` + "`--dialect mysql`" + `
  with a MySQL server on PATH rather than MariaDB).
- If the migration really fails on a clean history, fix it: that is a bug
  for every new environment.
- A statement that only needs more time: raise ` + "`--timeout`" + `.
`,
}
