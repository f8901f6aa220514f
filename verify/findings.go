package verify

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/idemlint/idemlint/rules"
)

// Findings turns a verdict into findings for the report formats: one
// finding on the statement that failed, or for a divergence on the
// statement whose second run made the change, and none for a safe file. Inline suppressions apply.
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
			Message: fmt.Sprintf("applied a second time on %s, the migration succeeds but changes the database again: %s%s", server, r.Detail, r.culprits()) + note}
	default:
		return nil
	}
	f.Severity = f.Rule.Severity
	f.Help = f.Rule.Help
	switch {
	case r.Failed != nil:
		f.Span, f.Stmt = r.Failed.Span, r.Failed.St
	case r.Changed != nil:
		f.Span, f.Stmt = r.Changed.Span, r.Changed.St
	default:
		if plan := Plan(r.Script); len(plan) > 0 {
			f.Span, f.Stmt = plan[0].Stmts[0].Span, plan[0].Stmts[0].St
		}
	}
	return rules.Suppress(r.Script, []rules.Finding{f})
}

// culprits says which statements made a divergence: this one, and the
// lines of the others.
func (r *Result) culprits() string {
	switch {
	case r.Changed == nil:
		return " (verify could not tell which statement made the change)"
	case r.Guessed:
		return " (probably made by this statement, which writes what changed: a replay could not tell)"
	case len(r.Also) == 0:
		return " (made by this statement)"
	}
	lines := make([]string, len(r.Also))
	for i, st := range r.Also {
		lines[i] = fmt.Sprint(r.Script.Lines.Position(st.Span.Start).Line)
	}
	if len(lines) == 1 {
		return fmt.Sprintf(" (made by this statement and the statement on line %s)", lines[0])
	}
	return fmt.Sprintf(" (made by this statement and the statements on lines %s)", strings.Join(lines, ", "))
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
