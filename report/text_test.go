package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300)
	cases := []struct {
		name       string
		line       string
		col, width int
		src, caret string
	}{
		{"start", "CREATE TABLE t;", 1, 6, "CREATE TABLE t;", "^^^^^^"},
		{"tabs kept", "\t\tALTER TABLE t", 3, 5, "\t\tALTER TABLE t", "\t\t^^^^^"},
		{"multi-byte before", "-- é\tx", 6, 1, "-- é\tx", "    \t^"},
		{"width past the end", "abc", 2, 10, "abc", " ^^"},
		{"after the last character", "abc", 4, 1, "abc", "   ^"},
		{"long line windowed", long, 301, 1,
			"..." + strings.Repeat("a", 40) + "X" + strings.Repeat("b", 119) + "...",
			strings.Repeat(" ", 43) + "^"},
		// Escaped characters are wider on screen: the carets follow them.
		{"escape before", "a\x1bb", 3, 1, `a\x1bb`, "     ^"},
		{"escape under the caret", "a\x1b\u202eb", 2, 2, `a\x1b\u202eb`, " ^^^^^^^^^^"},
		{"not UTF-8", "\xffx", 2, 1, `\xffx`, "    ^"},
		{"bidi and zero-width", "x\u2066\u200by", 4, 1, `x\u2066\u200by`, "             ^"},
		// The runner's older command form works anywhere in a line.
		{"legacy command", "x ##[add-mask]y", 14, 1, `x ##\[add-mask]y`, "              ^"},
	}
	for _, c := range cases {
		src, caret, ok := excerpt(c.line, c.col, c.width)
		if !ok || src != c.src || caret != c.caret {
			t.Errorf("%s: excerpt = %q, %q, %v; want %q, %q", c.name, src, caret, ok, c.src, c.caret)
		}
	}
	if _, _, ok := excerpt("", 1, 1); ok {
		t.Error("excerpt of an empty line should show nothing")
	}
}

func TestTextColor(t *testing.T) {
	s := script("a.sql", model.Postgres, model.FrameworkNone, "DROP TABLE t;\n")
	files := []File{{Script: s, Findings: []rules.Finding{
		{Rule: demoRule, Severity: rules.Error, Message: "m", Span: model.Span{Start: 0, End: 4}},
	}}}
	var plain, colored bytes.Buffer
	if err := writeText(&plain, files, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := writeText(&colored, files, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("colour codes without Color:\n%q", plain.String())
	}
	for _, want := range []string{"\x1b[1ma.sql:1:1\x1b[0m", "\x1b[1;31merror\x1b[0m", "\x1b[2m[demo-create]\x1b[0m", "\x1b[1;32m^^^^\x1b[0m"} {
		if !strings.Contains(colored.String(), want) {
			t.Errorf("coloured output lacks %q:\n%q", want, colored.String())
		}
	}
}

// TestTextFirstLine checks the editor-readable prefix exactly, since
// tools parse path:line:col from it.
func TestTextFirstLine(t *testing.T) {
	s := script("m.sql", model.Postgres, model.FrameworkNone, "SELECT 1;\n\n  -- é\n  ALTER TABLE t ADD c int;\n")
	off := strings.Index(string(s.Source), "ADD")
	files := []File{{Script: s, Findings: []rules.Finding{
		{Rule: demoRule, Severity: rules.Warning, Message: "msg", Span: model.Span{Start: off, End: off + 3}},
	}}}
	var buf bytes.Buffer
	if err := writeText(&buf, files, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "m.sql:4:17: warning: msg [demo-create]\n" +
		"   4 |   ALTER TABLE t ADD c int;\n" +
		"     |                 ^^^\n" +
		"  help: write CREATE TABLE IF NOT EXISTS\n" +
		"1 finding (1 warning) in 1 file of 1 checked\n"
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestExcerptASCII holds the plain-ASCII shortcut to what the general
// path shows for the same line, at every column and width.
func TestExcerptASCII(t *testing.T) {
	for _, line := range []string{"CREATE TABLE t (a int);", "x", "  ", "a  b", "## [x]", strings.Repeat("ab", 100), strings.Repeat("c", 161)} {
		for col := 1; col <= len(line)+2; col++ {
			for _, width := range []int{0, 1, 3, 500} {
				s1, c1, ok1 := excerpt(line, col, width)
				s2, c2, ok2 := excerptRunes(line, col, width)
				if s1 != s2 || c1 != c2 || ok1 != ok2 {
					t.Fatalf("%q col %d width %d: %q %q %v, the general path %q %q %v", line, col, width, s1, c1, ok1, s2, c2, ok2)
				}
			}
		}
	}
}
