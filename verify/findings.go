package verify

import (
	"fmt"
	"unicode/utf8"

	"github.com/idemlint/idemlint/rules"
)

// Findings turns a verdict into findings for the report formats: one
// finding on the statement that failed, or on the file's first statement
// for a divergence, and none for a safe file. Inline suppressions apply.
// server names where the verdict came from.
func (r *Result) Findings(server string) []rules.Finding {
	var f rules.Finding
	note := ""
	if r.AffectedBy != "" {
		note = fmt.Sprintf(" (%s failed on its first run before this file: this ran on an incomplete history)", r.AffectedBy)
	}
	switch r.Verdict {
	case RerunError:
		f = rules.Finding{Rule: rules.RerunError,
			Message: fmt.Sprintf("applied a second time on %s, this statement fails%s: %s", server, r.where(), r.Detail) + note}
	case FirstRunError:
		f = rules.Finding{Rule: rules.FirstRunError,
			Message: fmt.Sprintf("the first run on %s fails here%s, so the second was not tried: %s", server, r.where(), r.Detail) + note}
	case Diverges:
		f = rules.Finding{Rule: rules.RerunDiverges,
			Message: fmt.Sprintf("applied a second time on %s, the migration succeeds but changes the database again: %s", server, r.Detail) + note}
	default:
		return nil
	}
	f.Severity = f.Rule.Severity
	f.Help = f.Rule.Help
	switch {
	case r.Failed != nil:
		f.Span, f.Stmt = r.Failed.Span, r.Failed.St
	default:
		if plan := Plan(r.Script); len(plan) > 0 {
			f.Span, f.Stmt = plan[0].Stmts[0].Span, plan[0].Stmts[0].St
		}
	}
	return rules.Suppress(r.Script, []rules.Finding{f})
}

// where says on which line of a multi-line statement the server pointed,
// when it did and that is not the statement's first line.
func (r *Result) where() string {
	off, ok := r.ErrorOffset()
	if !ok {
		return ""
	}
	l := r.Script.Lines.Position(off).Line
	if l == r.Script.Lines.Position(r.Failed.Span.Start).Line {
		return ""
	}
	return fmt.Sprintf(" at line %d", l)
}

// ErrorOffset is the byte offset in the file the server's error points
// at, when it gave a position in the failing statement.
func (r *Result) ErrorOffset() (int, bool) {
	if r.Failed == nil || r.Position <= 0 || r.Script == nil {
		return 0, false
	}
	text := r.Failed.Text
	// The position counts characters, not bytes.
	off := 0
	for n := 1; n < r.Position && off < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	if off >= len(text) {
		return 0, false
	}
	return r.Failed.Span.Start + off, true
}
