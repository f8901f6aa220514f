package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/idemlint/idemlint/parser/model"
)

// suppression is one idemlint:ignore comment.
type suppression struct {
	span   model.Span
	line   int
	file   bool
	rules  []string // as written; "all" matches every rule
	reason string
	used   bool
	// blockTop is the first line of the run of comment-only lines this
	// comment belongs to; blockEnd the last.
	blockEnd int
}

type suppressions struct {
	list []*suppression
}

// readSuppressions finds idemlint:ignore comments.
func readSuppressions(s *model.Script) *suppressions {
	sup := &suppressions{}
	for _, c := range s.Comments {
		ids, reason, file, ok := ParseSuppression(commentText(s.Source[c.Start:c.End]))
		if !ok {
			continue
		}
		sp := &suppression{span: c, line: s.Lines.Line(c.Start), file: file, rules: ids, reason: reason}
		sup.list = append(sup.list, sp)
	}
	// A comment block directly above a statement carries its suppressions
	// down to the statement: remember where each block ends.
	for _, sp := range sup.list {
		sp.blockEnd = commentBlockEnd(s, sp.line)
	}
	return sup
}

// ParseSuppression reads a comment's text, its markers stripped, as
// "idemlint:ignore[-file] RULE[,RULE] -- reason". ok is false when the
// comment is not one; file is true for the -file form.
func ParseSuppression(text string) (ids []string, reason string, file, ok bool) {
	const tag = "idemlint:ignore"
	if !strings.HasPrefix(text, tag) {
		return nil, "", false, false
	}
	rest := text[len(tag):]
	if strings.HasPrefix(rest, "-file") {
		file, rest = true, rest[len("-file"):]
	}
	// A block comment may break the list over lines, with any line ending.
	if rest != "" && !unicode.IsSpace(rune(rest[0])) {
		return nil, "", false, false // idemlint:ignored or similar: not ours
	}
	list, reason, _ := strings.Cut(rest, "--")
	ids = strings.FieldsFunc(list, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	return ids, strings.TrimSpace(reason), file, true
}

// commentText strips the comment markers and surrounding space.
func commentText(b []byte) string {
	t := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(t, "--"):
		t = t[2:]
	case strings.HasPrefix(t, "#"):
		t = t[1:]
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
	}
	return strings.TrimSpace(t)
}

// commentBlockEnd returns the last line of the run of comment-only lines
// starting at line n.
func commentBlockEnd(s *model.Script, n int) int {
	for n+1 <= s.Lines.Count() {
		t := strings.TrimSpace(s.Lines.LineText(n + 1))
		if !strings.HasPrefix(t, "--") && !strings.HasPrefix(t, "#") {
			break
		}
		n++
	}
	return n
}

func (sp *suppression) names(id string) bool {
	for _, r := range sp.rules {
		if r == id || r == "all" {
			return true
		}
	}
	return false
}

// covers reports whether a line suppression reaches a finding: it sits on
// the finding's line or the line above, on the statement's first line, or
// in the comment block that ends right above the statement.
func (sp *suppression) covers(s *model.Script, f *Finding) bool {
	if sp.file {
		return true
	}
	fl := s.Lines.Line(f.Span.Start)
	if sp.line == fl || sp.line == fl-1 {
		return true
	}
	for st := f.Stmt; st != nil; st = st.Parent {
		first := s.Lines.Line(st.Span.Start)
		if sp.line == first || sp.blockEnd == first-1 {
			return true
		}
	}
	return false
}

// apply drops suppressed findings. Meta findings about suppressions are
// never suppressed by the comment they are about.
func (sup *suppressions) apply(s *model.Script, in []Finding) []Finding {
	out := in[:0]
	for _, f := range in {
		hidden := false
		for _, sp := range sup.list {
			if sp.reason == "" || !sp.names(f.Rule.ID) || !sp.covers(s, &f) {
				continue
			}
			sp.used = true
			hidden = true
		}
		if !hidden {
			out = append(out, f)
		}
	}
	return out
}

// problems reports malformed and unused suppressions.
func (sup *suppressions) problems() []Finding {
	var out []Finding
	for _, sp := range sup.list {
		var unknown []string
		for _, id := range sp.rules {
			if id != "all" && Lookup(id) == nil {
				unknown = append(unknown, id)
			}
		}
		switch {
		case len(sp.rules) == 0:
			out = append(out, Finding{Rule: InvalidSuppression, Span: sp.span, Help: InvalidSuppression.Help,
				Message: "suppression names no rule"})
		case len(unknown) > 0:
			out = append(out, Finding{Rule: InvalidSuppression, Span: sp.span, Help: "idemlint rules lists the rule IDs",
				Message: fmt.Sprintf("suppression names unknown rule %s", strings.Join(unknown, ", "))})
		case sp.reason == "":
			out = append(out, Finding{Rule: InvalidSuppression, Span: sp.span, Help: InvalidSuppression.Help,
				Message: "suppression gives no reason; it is not applied"})
		case !sp.used && !verifyOnly(sp.rules):
			what := "no finding on this statement"
			if sp.file {
				what = "no finding in this file"
			}
			out = append(out, Finding{Rule: UnusedSuppression, Span: sp.span, Help: UnusedSuppression.Help,
				Message: fmt.Sprintf("suppression of %s matches %s", strings.Join(sp.rules, ", "), what)})
		}
	}
	return out
}

// verifyOnly reports whether a suppression names only rules that
// idemlint verify raises: lint never uses it, and that is no news.
func verifyOnly(ids []string) bool {
	for _, id := range ids {
		if r := Lookup(id); r == nil || r.Category != Verify {
			return false
		}
	}
	return len(ids) > 0
}

// Suppress drops the findings that inline idemlint:ignore comments with a
// reason cover, for findings raised outside the engine (idemlint verify).
// Malformed and unused suppressions are lint's to report.
func Suppress(s *model.Script, fs []Finding) []Finding {
	return readSuppressions(s).apply(s, fs)
}
