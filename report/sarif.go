package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
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
	c := newSARIFCollector(opt)
	for _, f := range files {
		c.add(f)
	}
	return c.write(w)
}

// sarifCollector renders each result as it comes (never the file's parse
// or source) into a spool, and writes the document at the end: the log of
// a run over thousands of files is never built whole as objects, nor kept
// whole in memory. go-sarif writes the rest of the document.
type sarifCollector struct {
	opt      Options
	list     []*rules.Rule
	index    map[string]int
	results  spool
	nResults int
	out      jsonOut
	loc      *locator
}

func newSARIFCollector(opt Options) *sarifCollector {
	c := &sarifCollector{opt: opt, index: map[string]int{}, loc: newLocator(opt.Root)}
	list := opt.Rules
	if list == nil {
		list = rules.All()
	}
	for _, r := range list {
		c.rule(r)
	}
	return c
}

// rule returns the rule's index in the run's rules, adding it if new.
func (c *sarifCollector) rule(r *rules.Rule) int {
	if i, ok := c.index[r.ID]; ok {
		return i
	}
	c.index[r.ID] = len(c.list)
	c.list = append(c.list, r)
	return len(c.list) - 1
}

func (c *sarifCollector) add(f File) {
	s := f.Script
	loc := c.loc.locate(s.Path)
	for i := range f.Findings {
		res := c.result(s, loc, &f.Findings[i])
		c.out.b, c.out.prefix, c.out.depth = c.out.b[:0], resultsIndent, 0
		if c.nResults > 0 {
			c.out.b = append(c.out.b, ',')
		}
		c.out.b = append(c.out.b, "\n"+resultsIndent...)
		res.appendTo(&c.out)
		_, _ = c.results.Write(c.out.b)
		c.nResults++
	}
}

// result is the SARIF result of one finding.
func (c *sarifCollector) result(s *model.Script, loc location, x *rules.Finding) sarifResult {
	// Code scanning shows the message to people: safetext.
	msg := safetext.Inline(x.Message)
	if h := helpOf(x); h != "" && h != x.Rule.Help {
		msg += "\nHelp: " + safetext.Inline(h)
	}
	res := sarifResult{
		Kind: "fail", Level: sarifLevel(severityOf(x)), Message: sarifText{Text: msg},
		RuleID: x.Rule.ID, RuleIndex: c.rule(x.Rule),
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: artifactLocation(loc), Region: sarifRegion(s, shownSpan(s, x.Span))}}},
	}
	if x.Fix != nil && len(x.Fix.Edits) > 0 {
		res.Fixes = []sarifFix{fixOf(s, loc, x.Fix)}
	}
	return res
}

// resultsHole is where the skeleton's empty results go; the indentation
// of its items follows from it.
const (
	resultsHole   = `"results": []`
	resultsIndent = "        "
)

func (c *sarifCollector) write(w io.Writer) error {
	skeleton, err := c.skeleton()
	if err != nil {
		return err
	}
	at := bytes.Index(skeleton, []byte(resultsHole))
	if at < 0 {
		return fmt.Errorf("sarif: the document has no results array")
	}
	// A bufio.Writer keeps its first error and Flush returns it, so the
	// writes below need no check of their own.
	bw := bufio.NewWriter(w)
	_, _ = bw.Write(skeleton[:at])
	if c.nResults == 0 {
		_, _ = bw.WriteString(resultsHole)
	} else {
		_, _ = bw.WriteString(`"results": [`)
		if err := c.results.writeTo(bw); err != nil {
			return err
		}
		_, _ = bw.WriteString("\n" + resultsIndent[2:] + "]")
	}
	_, _ = bw.Write(skeleton[at+len(resultsHole):])
	return bw.Flush()
}

// skeleton is the document without results, as go-sarif writes it and
// prune trims it.
func (c *sarifCollector) skeleton() ([]byte, error) {
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("idemlint", "https://github.com/idemlint/idemlint")
	// SARIF wants a version that starts with a number, so that versions
	// compare: a source build's "devel" becomes a semver pre-release of
	// nothing.
	version := c.opt.Version
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
	for _, r := range c.list {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(r))
	}
	rep.AddRun(run)
	var raw bytes.Buffer
	if err := rep.Write(&raw); err != nil {
		return nil, err
	}
	return prune(raw.Bytes())
}

// The result objects, written by hand: go-sarif's would spell out every
// default for prune to remove again, per result. Fields are in the order
// prune writes them (by name), so a log reads the same either way. The
// appendTo methods write them as encoding/json would with the tags below
// (TestSARIFResultOut holds them to it), without its reflection and
// second indenting pass, which cost more than the lint of a small file.
type (
	sarifResult struct {
		Fixes     []sarifFix      `json:"fixes,omitempty"`
		Kind      string          `json:"kind"`
		Level     string          `json:"level"`
		Locations []sarifLocation `json:"locations"`
		Message   sarifText       `json:"message"`
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegionJ  `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegionJ struct {
		EndColumn   int `json:"endColumn"`
		EndLine     int `json:"endLine"`
		StartColumn int `json:"startColumn"`
		StartLine   int `json:"startLine"`
	}
	sarifFix struct {
		ArtifactChanges []sarifChange `json:"artifactChanges"`
		Description     sarifText     `json:"description"`
	}
	sarifChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegionJ `json:"deletedRegion"`
		InsertedContent sarifText    `json:"insertedContent"`
	}
)

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

func artifactLocation(loc location) sarifArtifact {
	return sarifArtifact(loc)
}

func sarifRegion(s *model.Script, sp model.Span) sarifRegionJ {
	a, b := positionOf(s, sp.Start), positionOf(s, sp.End)
	return sarifRegionJ{StartLine: a.Line, StartColumn: a.Column, EndLine: b.Line, EndColumn: b.Column}
}

func fixOf(s *model.Script, loc location, fx *rules.Fix) sarifFix {
	var reps []sarifReplacement
	for _, e := range fx.Edits {
		sp := span(s, model.Span{Start: e.Start, End: e.End})
		reps = append(reps, sarifReplacement{DeletedRegion: sarifRegion(s, sp), InsertedContent: sarifText{Text: e.Text}})
	}
	desc := safetext.Inline(fx.Message)
	if desc == "" {
		desc = "apply the suggested edit"
	}
	return sarifFix{Description: sarifText{Text: desc},
		ArtifactChanges: []sarifChange{{ArtifactLocation: artifactLocation(loc), Replacements: reps}}}
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

func (r *sarifResult) appendTo(o *jsonOut) {
	o.open('{')
	if len(r.Fixes) > 0 {
		list(o, "fixes", r.Fixes, (*sarifFix).appendTo)
	}
	o.strField("kind", r.Kind)
	o.strField("level", r.Level)
	list(o, "locations", r.Locations, (*sarifLocation).appendTo)
	o.key("message")
	r.Message.appendTo(o)
	o.strField("ruleId", r.RuleID)
	o.intField("ruleIndex", r.RuleIndex)
	o.close('}')
}

func (l *sarifLocation) appendTo(o *jsonOut) {
	o.open('{')
	o.key("physicalLocation")
	o.open('{')
	o.key("artifactLocation")
	l.PhysicalLocation.ArtifactLocation.appendTo(o)
	o.key("region")
	l.PhysicalLocation.Region.appendTo(o)
	o.close('}')
	o.close('}')
}

func (t sarifText) appendTo(o *jsonOut) {
	o.open('{')
	o.strField("text", t.Text)
	o.close('}')
}

func (a sarifArtifact) appendTo(o *jsonOut) {
	o.open('{')
	o.strField("uri", a.URI)
	if a.URIBaseID != "" {
		o.strField("uriBaseId", a.URIBaseID)
	}
	o.close('}')
}

func (g sarifRegionJ) appendTo(o *jsonOut) {
	o.open('{')
	o.intField("endColumn", g.EndColumn)
	o.intField("endLine", g.EndLine)
	o.intField("startColumn", g.StartColumn)
	o.intField("startLine", g.StartLine)
	o.close('}')
}

func (f *sarifFix) appendTo(o *jsonOut) {
	o.open('{')
	list(o, "artifactChanges", f.ArtifactChanges, (*sarifChange).appendTo)
	o.key("description")
	f.Description.appendTo(o)
	o.close('}')
}

func (c *sarifChange) appendTo(o *jsonOut) {
	o.open('{')
	o.key("artifactLocation")
	c.ArtifactLocation.appendTo(o)
	list(o, "replacements", c.Replacements, (*sarifReplacement).appendTo)
	o.close('}')
}

func (r *sarifReplacement) appendTo(o *jsonOut) {
	o.open('{')
	o.key("deletedRegion")
	r.DeletedRegion.appendTo(o)
	o.key("insertedContent")
	r.InsertedContent.appendTo(o)
	o.close('}')
}
