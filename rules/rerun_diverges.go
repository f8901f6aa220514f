package rules

// RerunDiverges is raised by idemlint verify when a migration's second
// run succeeds on a real server but changes the database again.
var RerunDiverges = &Rule{
	ID:       "rerun-diverges",
	Summary:  "applied a second time to a real database, the migration succeeds but changes it again",
	Severity: Error,
	Category: Verify,
	Help:     "make the second run a no-op: give inserted rows a key and skip existing ones, make updates converge, create objects by name",
}
