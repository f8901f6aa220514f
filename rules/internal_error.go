package rules

// InternalError is raised by the engine when a rule or the parser fails
// on a file.
var InternalError = &Rule{
	ID:       "internal-error",
	Summary:  "idemlint failed while checking this file",
	Severity: Error,
	Category: Meta,
	Help:     "report it with the file; the other rules still ran",
	Doc: `## What it finds

A rule that failed on this file, or a parser that failed on it in a way
of its own (a panic in idemlint's reading of the parse tree, libpg_query
returning a tree its decoder refuses): the finding sits at the statement
when the failure is confined to one, else at the start of the file. The
engine recovers, reports this finding, and runs every other rule as usual
on what was read; the command exits with status 2 so that CI does not
mistake the run for a clean one.

## How to fix it

It is a bug in idemlint: please report it with the file that triggers it.
`,
}
