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

// For returns the rewrite of e's statement; see Rewriter.For. A caller
// with several effects of one script uses one Rewriter for them all.
func For(s *model.Script, e *model.Effect) (Fix, bool) { return New(s).For(e) }
