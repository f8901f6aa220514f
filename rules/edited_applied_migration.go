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
}
