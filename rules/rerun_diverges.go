package rules

// RerunDiverges is raised by idemlint verify when a migration's second
// run succeeds on a real server but changes the database again.
var RerunDiverges = &Rule{
	ID:       "rerun-diverges",
	Summary:  "applied a second time to a real database, the migration succeeds but changes it again",
	Severity: Error,
	Category: Verify,
	Help:     "make the second run a no-op: give inserted rows a key and skip existing ones, make updates converge, create objects by name",
	Doc: `## What it finds

` + "`idemlint verify`" + ` applied the migration twice (the second time to a copy of
the database the first run left) and compared the database before and
after the second run. The second run succeeded but changed something:

- **schema**: an object appeared, disappeared or changed definition, e.g.
  ` + "`+index public.orders_status_key1`" + ` from an ` + "`ADD UNIQUE`" + ` without a
  constraint name, which a second run adds again under a new name;
- **rows**: a table's row count changed, e.g. ` + "`public.settings 3 → 6`" + ` from an
  ` + "`INSERT`" + ` into a table with no unique key;
- **contents**: the same number of rows with different values, e.g. an
  ` + "`UPDATE ... SET n = n + 1`" + ` that adds again on every run.

The message lists what changed. Such a migration does not fail, so nobody
notices the duplicate rows or the second index until they cause trouble.

The finding sits on the statement that made the change, not on the file's
first line: verify replays the second run on another copy, one statement at
a time, and names the statement that last changed each item of the
difference (the ` + "`INSERT`" + ` that added the rows, the ` + "`UPDATE`" + ` that rewrote them,
the ` + "`ALTER TABLE`" + ` that added the second index; a ` + "`DO`" + ` block or a procedure
call when the change happened inside it). When several statements share the
change, the message gives the lines of the others. If the replay cannot
tell, the finding goes to the first statement that writes a changed table
or names a changed object, and says it is a guess.

Sequence positions are not compared (an ` + "`INSERT ... ON CONFLICT DO NOTHING`" + `
advances a sequence without changing anything else), nor are ownership
and comments. The verdict comes from the server named in the message.

## How to fix it

- Give seed rows a key and skip the ones present: ` + "`INSERT ... ON CONFLICT DO NOTHING`" + `
  (PostgreSQL), ` + "`INSERT IGNORE`" + ` or ` + "`ON DUPLICATE KEY UPDATE`" + ` (MySQL), or
  ` + "`INSERT ... SELECT ... WHERE NOT EXISTS (...)`" + `.
- Write updates that converge: ` + "`SET n = 5`" + ` rather than ` + "`SET n = n + 1`" + `, or
  restrict them with a ` + "`WHERE`" + ` that the first run makes false.
- Name constraints and indexes, so that ` + "`IF NOT EXISTS`" + ` or a catalog check can
  recognise them.
`,
}
