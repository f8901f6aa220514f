package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestBaselinedInSummaries: the text and JSON summaries say how many
// findings a baseline hid, and say nothing when none were.
func TestBaselinedInSummaries(t *testing.T) {
	s := script("a.sql", model.Postgres, model.FrameworkNone, "DROP TABLE t;\n")
	one := []File{{Script: s, Findings: []rules.Finding{{Rule: demoRule, Severity: rules.Error, Message: "m", Span: model.Span{Start: 0, End: 4}}}}}
	none := []File{{Script: s}}
	cases := []struct {
		files      []File
		baselined  int
		unreadable int
		text       string
	}{
		{one, 3, 0, "1 finding (1 error) in 1 file of 1 checked; 3 hidden by the baseline\n"},
		{none, 2, 0, "no findings (1 file checked; 2 hidden by the baseline)\n"},
		{none, 0, 0, "no findings (1 file checked)\n"},
		// A missing path is not a clean run.
		{none, 0, 2, "no findings (1 file checked; 2 paths could not be read)\n"},
		{one, 1, 1, "1 finding (1 error) in 1 file of 1 checked; 1 hidden by the baseline; 1 path could not be read\n"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		if err := writeText(&buf, c.files, Options{Baselined: c.baselined, Unreadable: c.unreadable}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(buf.String(), c.text) {
			t.Errorf("text summary:\n%s\nwant suffix %q", buf.String(), c.text)
		}
		buf.Reset()
		if err := writeJSON(&buf, c.files, Options{Baselined: c.baselined, Unreadable: c.unreadable}); err != nil {
			t.Fatal(err)
		}
		var got struct{ Summary Summary }
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Summary.Baselined != c.baselined {
			t.Errorf("JSON summary.baselined = %d, want %d", got.Summary.Baselined, c.baselined)
		}
		if got.Summary.Unreadable != c.unreadable {
			t.Errorf("JSON summary.unreadable = %d, want %d", got.Summary.Unreadable, c.unreadable)
		}
	}
}
