package rules

// InternalError is raised by the engine when a rule or the parser fails
// on a file.
var InternalError = &Rule{
	ID:       "internal-error",
	Summary:  "idemlint failed while checking this file",
	Severity: Error,
	Category: Meta,
	Help:     "report it with the file; the other rules still ran",
}
