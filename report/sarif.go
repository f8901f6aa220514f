package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("sarif", writeSARIF) }

// writeSARIF writes SARIF 2.1.0 the way GitHub code scanning reads it:
// every rule with its help, results with repository-relative URIs and full
// regions. Suppressed findings never reach here, and partial fingerprints
// are left to the upload action, which computes them from the file.
func writeSARIF(w io.Writer, files []File, opt Options) error {
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("idemlint", "https://github.com/idemlint/idemlint")
	// SARIF wants a version that starts with a number, so that versions
	// compare: a source build's "devel" becomes a semver pre-release of
	// nothing.
	version := opt.Version
	if v := strings.TrimPrefix(version, "v"); v == "" || v[0] < '0' || v[0] > '9' {
		tag := strings.Trim(strings.Map(func(r rune) rune {
			if r < '0' || r > 'z' || (r > '9' && r < 'A') || (r > 'Z' && r < 'a') {
				return '-'
			}
			return r
		}, version), "-")
		if tag == "" {
			tag = "devel"
		}
		version = "0.0.0-" + tag
	}
	run.Tool.Driver.WithVersion(version)
	if v := strings.TrimPrefix(version, "v"); isSemver(v) {
		run.Tool.Driver.WithSemanticVersion(v)
	}
	// Columns count Unicode code points, as model.Lines does.
	run.WithColumnKind("unicodeCodePoints")

	list := opt.Rules
	if list == nil {
		list = rules.All()
	}
	index := map[string]int{}
	addRule := func(r *rules.Rule) {
		if _, ok := index[r.ID]; ok {
			return
		}
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(r))
	}
	for _, r := range list {
		addRule(r)
	}

	for _, f := range files {
		s := f.Script
		loc := locate(s.Path, opt.Root)
		for i := range f.Findings {
			x := &f.Findings[i]
			addRule(x.Rule)
			// Code scanning shows the message to people: safetext.
			msg := safetext.Inline(x.Message)
			if h := helpOf(x); h != "" && h != x.Rule.Help {
				msg += "\nHelp: " + safetext.Inline(h)
			}
			res := sarif.NewRuleResult(x.Rule.ID).
				WithRuleIndex(index[x.Rule.ID]).
				WithLevel(sarifLevel(severityOf(x))).
				WithMessage(sarif.NewTextMessage(msg)).
				AddLocation(sarif.NewLocationWithPhysicalLocation(
					sarif.NewPhysicalLocation().
						WithArtifactLocation(artifactLocation(loc)).
						WithRegion(sarifRegion(s, shownSpan(s, x.Span)))))
			if x.Fix != nil && len(x.Fix.Edits) > 0 {
				res.AddFixe(sarifFix(s, loc, x.Fix))
			}
			run.AddResult(res)
		}
	}
	rep.AddRun(run)
	var raw bytes.Buffer
	if err := rep.Write(&raw); err != nil {
		return err
	}
	out, err := prune(raw.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// prune drops what go-sarif writes only to spell out SARIF's defaults:
// empty arrays and objects, and the -1 that means "not given" for indexes,
// offsets and ranks. The log means the same and reads far better. results
// and rules stay even when empty, because GitHub requires both.
func prune(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				e = walk(e)
				x[k] = e
				if k == "results" || k == "rules" {
					continue
				}
				switch y := e.(type) {
				case []any:
					if len(y) == 0 {
						delete(x, k)
					}
				case map[string]any:
					if len(y) == 0 {
						delete(x, k)
					}
				case json.Number:
					if y == "-1" {
						delete(x, k)
					}
				}
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		}
		return v
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(walk(v)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func sarifRule(r *rules.Rule) *sarif.ReportingDescriptor {
	short := strings.TrimSuffix(r.Summary, ".") + "."
	full := firstParagraph(r.Doc)
	if full == "" {
		full = short
	}
	text := short
	if r.Help != "" {
		text += " " + capitalize(strings.TrimSuffix(r.Help, ".")) + "."
	}
	text += " See " + r.HelpURI()
	props := sarif.NewPropertyBag().WithTags([]string{string(r.Category), "sql", "migrations"})
	props.Add("category", string(r.Category))
	props.Add("dialects", strings.Split(rules.DialectList(r), ", "))
	props.Add("fixable", len(r.Fixable) > 0)
	if len(r.Fixable) > 0 {
		props.Add("fixDialects", rules.FixDialects(r))
	}
	return sarif.NewRule(r.ID).
		WithName(pascal(r.ID)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(short)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(full)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(text).WithMarkdown(rules.Markdown(r))).
		WithHelpURI(r.HelpURI()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity))).
		WithProperties(props)
}

func artifactLocation(loc location) *sarif.ArtifactLocation {
	al := sarif.NewArtifactLocation().WithURI(loc.URI)
	if loc.URIBaseID != "" {
		al.WithURIBaseID(loc.URIBaseID)
	}
	return al
}

func sarifRegion(s *model.Script, sp model.Span) *sarif.Region {
	a, b := positionOf(s, sp.Start), positionOf(s, sp.End)
	return sarif.NewRegion().
		WithStartLine(a.Line).WithStartColumn(a.Column).
		WithEndLine(b.Line).WithEndColumn(b.Column)
}

func sarifFix(s *model.Script, loc location, fx *rules.Fix) *sarif.Fix {
	var reps []*sarif.Replacement
	for _, e := range fx.Edits {
		sp := span(s, model.Span{Start: e.Start, End: e.End})
		reps = append(reps, sarif.NewReplacement().
			WithDeletedRegion(sarifRegion(s, sp)).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text)))
	}
	desc := safetext.Inline(fx.Message)
	if desc == "" {
		desc = "apply the suggested edit"
	}
	return sarif.NewFix().
		WithDescription(sarif.NewTextMessage(desc)).
		WithArtifactChanges([]*sarif.ArtifactChange{
			sarif.NewArtifactChange().WithArtifactLocation(artifactLocation(loc)).WithReplacements(reps),
		})
}

// shownSpan is the span a viewer highlights: an empty span (a syntax
// error's position) grows to cover the character there, and a span that
// ends just past a line break stops before it, so that an annotation does
// not spill onto the next line.
func shownSpan(s *model.Script, sp model.Span) model.Span {
	sp = span(s, sp)
	src := s.Source
	if sp.End == sp.Start {
		if sp.Start < len(src) && src[sp.Start] != '\n' && src[sp.Start] != '\r' {
			_, n := utf8.DecodeRune(src[sp.Start:])
			sp.End += n
		}
		return sp
	}
	for sp.End > sp.Start+1 && (src[sp.End-1] == '\n' || src[sp.End-1] == '\r') {
		sp.End--
	}
	return sp
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return sarif.LevelError
	case rules.Warning:
		return sarif.LevelWarning
	case rules.Info:
		return sarif.LevelNote
	}
	return sarif.LevelNone
}

// pascal turns a rule ID into the identifier SARIF wants as a rule name:
// create-without-guard becomes CreateWithoutGuard.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(capitalize(part))
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// firstParagraph is the first paragraph of a Markdown doc that is not a
// heading, on one line and without code marks: a plain full description.
// A paragraph that ends in a colon takes the list after it along.
func firstParagraph(doc string) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(doc), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || (strings.HasPrefix(para, "#") && len(out) == 0) {
			continue
		}
		if strings.HasPrefix(para, "#") {
			break
		}
		var items []string
		for _, l := range strings.Split(para, "\n") {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") {
				items = append(items, "")
				l = l[2:]
			}
			if len(items) == 0 {
				items = append(items, "")
			}
			items[len(items)-1] = strings.TrimSpace(items[len(items)-1] + " " + l)
		}
		out = append(out, strings.Join(items, " "))
		if !strings.HasSuffix(out[len(out)-1], ":") {
			break
		}
	}
	t := strings.ReplaceAll(strings.Join(strings.Fields(strings.Join(out, " ")), " "), "`", "")
	if t != "" && !strings.HasSuffix(t, ".") {
		t = strings.TrimRight(t, ":;,") + "."
	}
	return t
}

func isSemver(v string) bool {
	core, _, _ := strings.Cut(v, "-")
	core, _, _ = strings.Cut(core, "+")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
