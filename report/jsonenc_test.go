package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// sameAsEncodingJSON fails t unless render writes v as encoding/json
// writes it, indented for a list element of the document.
func sameAsEncodingJSON(t *testing.T, v any, render func(*jsonOut)) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	o := jsonOut{prefix: "    "}
	render(&o)
	if got := string(o.b) + "\n"; got != want.String() {
		t.Fatalf("got\n%s\nencoding/json writes\n%s", got, want.String())
	}
}

// fixtureFiles lints every rule fixture, as the report formats get them.
func fixtureFiles(t *testing.T) []File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*", "*.sql"))
	if err != nil || len(paths) < 50 {
		t.Fatalf("fixtures: %d, %v", len(paths), err)
	}
	var out []File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := model.ParseDialect(filepath.Base(filepath.Dir(p)))
		if err != nil {
			continue
		}
		s := parser.Parse(p, src, parser.Options{Dialect: d})
		out = append(out, File{Script: s, Findings: rules.Run(s, nil)})
	}
	return out
}

// escapeCases are strings with every byte encoding/json escapes.
func escapeCases() []string {
	var odd []byte
	for b := 0; b < 256; b++ {
		odd = append(odd, byte(b))
	}
	return []string{"", string(odd), "\u2028\u2029 é 😀 <&> \x7f", "a\xffb\xc3", "tab\there \"quoted\" back\\slash"}
}

// TestJSONOut holds the hand-written encoding to encoding/json's bytes on
// every finding and file of the rule fixtures, and on strings with every
// byte encoding/json escapes.
func TestJSONOut(t *testing.T) {
	findings := 0
	for _, f := range fixtureFiles(t) {
		jf := jsonFileOf(f)
		sameAsEncodingJSON(t, jf, jf.appendTo)
		for i := range f.Findings {
			x := jsonFindingOf(f.Script, &f.Findings[i])
			sameAsEncodingJSON(t, x, x.appendTo)
			findings++
		}
	}
	if findings < 100 {
		t.Fatalf("only %d findings compared", findings)
	}
	for _, s := range escapeCases() {
		x := jsonFinding{Rule: s, Message: s, Help: s, Statement: s, Fix: &jsonFix{Message: s, Edits: []jsonEdit{{Text: s}, {}}}}
		sameAsEncodingJSON(t, x, x.appendTo)
		jf := jsonFile{Path: s, SkipReason: s, Sections: []jsonSection{{Kind: s, Name: s, Attributes: map[string]string{s: s, "b": "", "a": s}}, {}}}
		sameAsEncodingJSON(t, jf, jf.appendTo)
		jf.Sections = nil
		sameAsEncodingJSON(t, jf, jf.appendTo)
	}
	empty := jsonFinding{Fix: &jsonFix{}}
	sameAsEncodingJSON(t, empty, empty.appendTo)
}

func FuzzJSONString(f *testing.F) {
	f.Add("a\"b\\c\n\x00\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}

// TestPlainRun puts each kind of byte JSON escapes, and bytes next to
// them, at every position of strings around the eight-byte step, and
// compares plainRun with a plain scan.
func TestPlainRun(t *testing.T) {
	naive := func(s string, i int) int {
		for ; i < len(s); i++ {
			if c := s[i]; c < ' ' || c == '"' || c == '\\' || c >= 0x80 {
				return i
			}
		}
		return i
	}
	for _, c := range []byte{0, 1, 0x1f, ' ', '!', '"', '#', '[', '\\', ']', 0x7f, 0x80, 0xc3, 0xff} {
		for n := 0; n <= 20; n++ {
			for at := -1; at < n; at++ {
				b := []byte(strings.Repeat("a", n))
				if at >= 0 {
					b[at] = c
				}
				for from := 0; from <= n; from++ {
					if got, want := plainRun(string(b), from), naive(string(b), from); got != want {
						t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, want)
					}
				}
			}
		}
	}
}
