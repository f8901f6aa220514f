package rules

// RerunError is raised by idemlint verify when a migration's second run
// fails on a real server.
var RerunError = &Rule{
	ID:       "rerun-error",
	Summary:  "applied a second time to a real database, the migration fails",
	Severity: Error,
	Category: Verify,
	Help:     "guard the failing statement (IF NOT EXISTS, a catalog check, ON CONFLICT) so that a second run finds its work done",
}
