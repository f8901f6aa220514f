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
}
