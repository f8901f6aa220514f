package rules

// EditedAppliedMigration is raised by the command under --new-since REF
// --warn-edited for a migration file that existed at REF and was changed
// since: the file is no longer what the databases that ran it ran.
var EditedAppliedMigration = &Rule{
	ID:       "edited-applied-migration",
	Summary:  "A migration that was already merged has been edited",
	Severity: Warning,
	Category: Meta,
	Help:     "revert the edit and put the change in a new migration",
	Doc: `## What it finds

With ` + "`--new-since REF --warn-edited`" + `, a migration file that already existed at
` + "`REF`" + ` (usually the branch a pull request merges into) and has been modified
since. The finding points at the first changed line.

## Why it matters

Migration tools record which files they have run and never run them again:
an edit to an applied migration reaches no database that ran it before.
Those databases keep the old schema, new environments get the new one, and
the two drift apart without any error. Checksumming tools (Flyway,
Liquibase, Atlas, sqlx) refuse to start instead, which stops every deploy
until someone repairs the checksum by hand.

## How to fix it

Revert the edit and write the change as a new migration. When the file has
provably never run anywhere (it was merged but never deployed), the
finding can be silenced for that run with ` + "`--disable edited-applied-migration`" + `
or by leaving out ` + "`--warn-edited`" + `. Renaming or moving a migration is
not an edit: idemlint treats the new name as an added file and lints it,
because most tools run it again under its new name.
`,
}
