// Package rewrite writes the guarded form of a statement that is not safe
// to run twice when no keyword can guard it: a PostgreSQL DO block that
// checks the catalog for exactly the object, or the MySQL
// information_schema + PREPARE idiom. The form depends on the script's
// target server version and on the framework that sends the file.
//
// Edits are byte ranges of the original source, like the parsers'
// one-keyword fixes, so the statement's own text, comments and layout
// survive; what is added follows the file's indentation, line endings and
// keyword case.
//
// The entry point is New(script).For(effect): one Rewriter serves every
// effect of a script, so that what a rewrite reads of the rest of the
// file is worked out once.
package rewrite

import (
	"github.com/idemlint/idemlint/parser/model"
)

// Fix is a rewrite of one statement: the edits and a one-line summary
// of what they write ("wrap in a DO block that checks pg_type").
type Fix struct {
	Message string
	Edits   []model.Edit
}
