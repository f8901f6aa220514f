package report

import (
	"encoding/json"
	"io"

	"github.com/idemlint/idemlint/baseline"
	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("gitlab", writeGitLab) }

// gitlabIssue is one entry of a GitLab Code Quality report (the Code
// Climate issue subset GitLab reads).
type gitlabIssue struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Categories  []string       `json:"categories"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// writeGitLab writes a Code Quality report. Paths are relative to the
// repository root and fingerprints are the baseline's: they survive edits
// elsewhere in the file, so GitLab tells new findings from moved ones.
func writeGitLab(w io.Writer, files []File, opt Options) error {
	out := []gitlabIssue{}
	for _, f := range files {
		s := f.Script
		fps := baseline.Fingerprints(s, f.Findings, opt.Root)
		path := baseline.NormalizePath(s.Path, opt.Root)
		for i := range f.Findings {
			x := &f.Findings[i]
			sp := span(s, x.Span)
			begin := positionOf(s, sp.Start).Line
			end := begin
			if sp.End > sp.Start {
				end = positionOf(s, sp.End-1).Line
			}
			desc := x.Message
			if h := helpOf(x); h != "" {
				desc += " (" + h + ")"
			}
			out = append(out, gitlabIssue{
				Type:        "issue",
				Description: safetext.Inline(desc),
				CheckName:   x.Rule.ID,
				Categories:  []string{gitlabCategory(x.Rule)},
				Fingerprint: fps[i],
				Severity:    gitlabSeverity(severityOf(x)),
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: begin, End: end}},
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// gitlabSeverity maps idemlint's levels onto GitLab's five, the way
// linters' Code Quality exporters usually do: an error (breaks on re-run)
// is major, a warning minor. critical and blocker are left for tools that
// find vulnerabilities.
func gitlabSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "major"
	case rules.Warning:
		return "minor"
	}
	return "info"
}

// gitlabCategory is the Code Climate category closest to a rule's.
func gitlabCategory(r *rules.Rule) string {
	switch r.Category {
	case rules.Portability:
		return "Compatibility"
	case rules.Meta:
		return "Clarity"
	}
	return "Bug Risk"
}
