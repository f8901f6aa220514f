package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestSARIFSchema checks the output against the SARIF 2.1.0 JSON schema
// that go-sarif embeds; scripts/validate-sarif.sh runs Microsoft's
// validator on top of this in CI.
func TestSARIFSchema(t *testing.T) {
	for name, files := range goldenCases(t) {
		var buf bytes.Buffer
		if err := writeSARIF(&buf, files, Options{Version: "v1.2.3"}); err != nil {
			t.Fatal(err)
		}
		rep, err := sarif.FromBytes(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := rep.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// sarifDoc is the part of SARIF GitHub reads, decoded independently of
// go-sarif so that the test sees the bytes a consumer sees.
type sarifDoc struct {
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				SemVer         string `json:"semanticVersion"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string            `json:"id"`
					Name             string            `json:"name"`
					ShortDescription map[string]string `json:"shortDescription"`
					FullDescription  map[string]string `json:"fullDescription"`
					Help             map[string]string `json:"help"`
					HelpURI          string            `json:"helpUri"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
						EndColumn   int `json:"endColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Fixes               []json.RawMessage `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFForGitHub(t *testing.T) {
	files := goldenCases(t)["basic"]
	var buf bytes.Buffer
	if err := writeSARIF(&buf, files, Options{Version: "v1.2.3", Rules: []*rules.Rule{syntaxRule}}); err != nil {
		t.Fatal(err)
	}
	var doc sarifDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, %d runs", doc.Version, len(doc.Runs))
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if run.ColumnKind != "unicodeCodePoints" || d.Name != "idemlint" || d.Version != "v1.2.3" || d.SemVer != "1.2.3" {
		t.Errorf("run: columnKind %q, driver %q %q %q", run.ColumnKind, d.Name, d.Version, d.SemVer)
	}
	// The listed rule first, then the rules findings bring along.
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
		if r.Name == "" || r.Name == r.ID || r.ShortDescription["text"] == "" || r.FullDescription["text"] == "" ||
			r.Help["text"] == "" || r.Help["markdown"] == "" || r.HelpURI == "" || r.Default.Level == "" || r.Properties["tags"] == nil {
			t.Errorf("rule %s lacks metadata: %+v", r.ID, r)
		}
	}
	if got := strings.Join(ids, ","); got != "syntax-error,demo-create,invalid-suppression" {
		t.Errorf("rules = %s", got)
	}
	type want struct {
		rule                 string
		level                string
		uri, base            string
		sl, sc, el, ec, fixN int
	}
	wants := []want{
		{"demo-create", "error", "db/migrations/0001_init.sql", srcRoot, 2, 1, 2, 30, 1},
		// A span across two lines keeps both.
		{"syntax-error", "warning", "db/migrations/0001_init.sql", srcRoot, 3, 13, 4, 26, 0},
		{"invalid-suppression", "warning", "db/migrations/0001_init.sql", srcRoot, 5, 1, 5, 31, 0},
		// An empty span grows to one character; outside the root the URI
		// is absolute.
		{"syntax-error", "error", "file:///elsewhere/x%20y.sql", "", 2, 8, 2, 9, 0},
	}
	if len(run.Results) != len(wants) {
		t.Fatalf("%d results, want %d", len(run.Results), len(wants))
	}
	for i, w := range wants {
		r := run.Results[i]
		pl := r.Locations[0].PhysicalLocation
		reg := pl.Region
		if r.RuleID != w.rule || d.Rules[r.RuleIndex].ID != w.rule || r.Level != w.level ||
			pl.ArtifactLocation.URI != w.uri || pl.ArtifactLocation.URIBaseID != w.base ||
			reg.StartLine != w.sl || reg.StartColumn != w.sc || reg.EndLine != w.el || reg.EndColumn != w.ec ||
			len(r.Fixes) != w.fixN {
			t.Errorf("result %d = %s[%d] %s %s %s %d:%d-%d:%d fixes %d; want %+v", i, r.RuleID, r.RuleIndex, r.Level,
				pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID, reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn, len(r.Fixes), w)
		}
		if r.PartialFingerprints != nil {
			t.Errorf("result %d has partialFingerprints; the upload action computes them", i)
		}
	}
	if got := run.Results[1].Message.Text; got != "syntax error at or near \"ADD\"\nHelp: check the ALTER TABLE" {
		t.Errorf("message with its own help = %q", got)
	}
	if got := run.Results[0].Message.Text; got != "CREATE TABLE orders fails when orders exists" {
		t.Errorf("message = %q", got)
	}
}

func TestShownSpan(t *testing.T) {
	s := script("a.sql", model.Postgres, model.FrameworkNone, "ab\r\ncé\n")
	cases := []struct{ in, want model.Span }{
		{model.Span{Start: 0, End: 0}, model.Span{Start: 0, End: 1}},
		{model.Span{Start: 5, End: 5}, model.Span{Start: 5, End: 7}}, // é is two bytes
		{model.Span{Start: 2, End: 2}, model.Span{Start: 2, End: 2}}, // at a line break: stays empty
		{model.Span{Start: 0, End: 4}, model.Span{Start: 0, End: 2}},
		{model.Span{Start: 8, End: 8}, model.Span{Start: 8, End: 8}},  // end of input
		{model.Span{Start: 0, End: 99}, model.Span{Start: 0, End: 7}}, // clamped, then trimmed
	}
	for _, c := range cases {
		if got := shownSpan(s, c.in); got != c.want {
			t.Errorf("shownSpan(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestSARIFNames(t *testing.T) {
	if got := pascal("create-without-guard"); got != "CreateWithoutGuard" {
		t.Errorf("pascal = %q", got)
	}
	doc := "## What it finds\n\nAn inline `suppression` that\nfails:\n\n- one;\n- two\n\n## How\n\nno\n"
	if got := firstParagraph(doc); got != "An inline suppression that fails: one; two." {
		t.Errorf("firstParagraph = %q", got)
	}
	for v, ok := range map[string]bool{"1.2.3": true, "0.1.0-rc.1": true, "1.2": false, "(devel)": false, "1.x.3": false} {
		if isSemver(v) != ok {
			t.Errorf("isSemver(%q) = %v", v, !ok)
		}
	}
}

func TestSARIFVersion(t *testing.T) {
	for given, want := range map[string]string{"v1.2.3": "1.2.3", "1.0.0-rc.1": "1.0.0-rc.1", "devel": "0.0.0-devel", "": "0.0.0-devel", "(weird)": "0.0.0-weird"} {
		var buf bytes.Buffer
		if err := writeSARIF(&buf, nil, Options{Version: given}); err != nil {
			t.Fatal(err)
		}
		var doc sarifDoc
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if got := doc.Runs[0].Tool.Driver.SemVer; got != want {
			t.Errorf("version %q: semanticVersion %q, want %q", given, got, want)
		}
	}
}

// TestSARIFResultOut holds the hand-written SARIF results to encoding/json's
// bytes on every finding of the rule fixtures, and on strings with every
// byte encoding/json escapes.
func TestSARIFResultOut(t *testing.T) {
	c := newSARIFCollector(Options{})
	results, fixes := 0, 0
	for _, f := range fixtureFiles(t) {
		loc := newLocator("").locate(f.Script.Path)
		for i := range f.Findings {
			r := c.result(f.Script, loc, &f.Findings[i])
			sameAsEncodingJSON(t, r, r.appendTo)
			results++
			if len(r.Fixes) > 0 {
				fixes++
			}
		}
	}
	if results < 100 || fixes < 20 {
		t.Fatalf("only %d results, %d with fixes, compared", results, fixes)
	}
	for _, s := range escapeCases() {
		art := sarifArtifact{URI: s, URIBaseID: s}
		r := sarifResult{Kind: s, Level: s, Message: sarifText{Text: s}, RuleID: s,
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}, {}},
			Fixes: []sarifFix{{Description: sarifText{Text: s}, ArtifactChanges: []sarifChange{
				{ArtifactLocation: art, Replacements: []sarifReplacement{{InsertedContent: sarifText{Text: s}}, {}}}, {}}}, {}}}
		sameAsEncodingJSON(t, r, r.appendTo)
	}
	empty := sarifResult{}
	sameAsEncodingJSON(t, empty, empty.appendTo)
}
