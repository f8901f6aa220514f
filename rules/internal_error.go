package rules

// InternalError is raised by the engine when a rule fails on a file.
var InternalError = &Rule{
	ID:       "internal-error",
	Summary:  "idemlint failed while checking this file",
	Severity: Error,
	Category: Meta,
	Help:     "report it with the file; the other rules still ran",
	Doc: `## What it finds

A rule that failed on this file. The engine recovers, reports this
finding, and runs every other rule as usual; the command exits with
status 2 so that CI does not mistake the run for a clean one.

## How to fix it

It is a bug in idemlint: please report it with the file that triggers it.
`,
}
