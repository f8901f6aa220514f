package rules

// InvalidInput is raised by the command for files it cannot lint.
var InvalidInput = &Rule{
	ID:       "invalid-input",
	Summary:  "The file is not SQL text idemlint can read",
	Severity: Error,
	Category: Meta,
	Help:     "save the file as UTF-8 text, or exclude it from linting",
	Doc: `## What it finds

A file that is not UTF-8 text: binary content (a NUL byte), bytes that are
not valid UTF-8, or a file larger than ` + "`--max-file-size`" + `. The finding
points at the first offending byte; the file is skipped and the run goes on
with the others.

## How to fix it

Save migrations as UTF-8. If the path holds something that is not a
migration, exclude it (` + "`exclude:`" + ` in ` + "`.idemlint.yaml`" + `) or pass the
migration files explicitly.
`,
}
