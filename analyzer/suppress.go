package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/idemlint/idemlint/rules"
)

// goSuppression is a //idemlint:ignore comment in Go code. It silences
// the findings of the SQL in the call on its own line or the line below,
// the way the SQL comment form silences the statement below it.
type goSuppression struct {
	pos, end token.Pos
	file     string
	line     int
	fileWide bool
	rules    []string
	reason   string
	used     bool
}

// anchor is a line a suppression may sit on (or right above) to reach a
// finding: the line of the call, and the line of the finding itself.
type anchor struct {
	file string
	line int
}

func readGoSuppressions(fset *token.FileSet, files []*ast.File) []*goSuppression {
	var out []*goSuppression
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !strings.HasPrefix(c.Text, "//") {
					continue
				}
				ids, reason, wide, ok := rules.ParseSuppression(strings.TrimSpace(c.Text[2:]))
				if !ok {
					continue
				}
				p := fset.Position(c.Pos())
				out = append(out, &goSuppression{
					pos: c.Pos(), end: c.End(), file: p.Filename, line: p.Line, fileWide: wide,
					rules: ids, reason: reason,
				})
			}
		}
	}
	return out
}

func (s *goSuppression) names(id string) bool {
	for _, r := range s.rules {
		if r == id || r == "all" {
			return true
		}
	}
	return false
}

func (s *goSuppression) covers(anchors []anchor) bool {
	for _, a := range anchors {
		if a.file != s.file {
			continue
		}
		if s.fileWide || s.line == a.line || s.line == a.line-1 {
			return true
		}
	}
	return false
}

// suppressed reports whether a valid Go suppression hides d, and marks
// every one that does as used.
func suppressed(sups []*goSuppression, d *diag) bool {
	hidden := false
	for _, s := range sups {
		if s.reason == "" || !s.names(d.rule.ID) || !s.covers(d.anchors) {
			continue
		}
		s.used = true
		hidden = true
	}
	return hidden
}

// problem is what is wrong with a suppression, if anything: the same
// checks, and the same words, as for SQL comments.
func (s *goSuppression) problem() (*rules.Rule, string) {
	var unknown []string
	for _, id := range s.rules {
		if id != "all" && rules.Lookup(id) == nil {
			unknown = append(unknown, id)
		}
	}
	switch {
	case len(s.rules) == 0:
		return rules.InvalidSuppression, "suppression names no rule"
	case len(unknown) > 0:
		return rules.InvalidSuppression, fmt.Sprintf("suppression names unknown rule %s", strings.Join(unknown, ", "))
	case s.reason == "":
		return rules.InvalidSuppression, "suppression gives no reason after --; it is not applied"
	case !s.used:
		what := "no finding of the SQL in the call below"
		if s.fileWide {
			what = "no finding in this file"
		}
		return rules.UnusedSuppression, fmt.Sprintf("suppression of %s matches %s", strings.Join(s.rules, ", "), what)
	}
	return nil, ""
}
