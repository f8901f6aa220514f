package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// lint parses and lints src as PostgreSQL with the real rules.
func lint(t *testing.T, path, src string) (*model.Script, []rules.Finding) {
	t.Helper()
	s := parser.Parse(path, []byte(src), parser.Options{Dialect: model.Postgres})
	return s, rules.Run(s, nil)
}

func TestFingerprintsSurviveLineShifts(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "db", "1.sql")
	before := "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
	after := "-- a comment added above\n\nCREATE TABLE a (id int);\n\n  create   TABLE b /* note */ (id int);\n"
	s1, f1 := lint(t, path, before)
	s2, f2 := lint(t, path, after)
	if len(f1) != 2 || len(f2) != 2 {
		t.Fatalf("want two findings each, got %d and %d", len(f1), len(f2))
	}
	fp1, fp2 := Fingerprints(s1, f1, root), Fingerprints(s2, f2, root)
	if fp1[0] != fp2[0] || fp1[1] != fp2[1] {
		t.Errorf("moving statements and changing whitespace, comments and keyword case changed the fingerprints: %v vs %v", fp1, fp2)
	}
	if fp1[0] == fp1[1] {
		t.Error("two different statements share a fingerprint")
	}
	// Changing the statement itself makes it a new finding.
	s3, f3 := lint(t, path, "CREATE TABLE a (id int);\nCREATE TABLE b (id bigint);\n")
	fp3 := Fingerprints(s3, f3, root)
	if fp3[0] != fp1[0] || fp3[1] == fp1[1] {
		t.Errorf("editing b must change only b's fingerprint: %v vs %v", fp1, fp3)
	}
	// A quoted identifier keeps its case: "B" is another table.
	s4, f4 := lint(t, path, "CREATE TABLE a (id int);\nCREATE TABLE \"B\" (id int);\n")
	if Fingerprints(s4, f4, root)[1] == fp1[1] {
		t.Error(`"B" and b share a fingerprint`)
	}
}

func TestFingerprintsOfRepeatedStatements(t *testing.T) {
	root := t.TempDir()
	s, fs := lint(t, filepath.Join(root, "1.sql"), "CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n")
	fps := Fingerprints(s, fs, root)
	if len(fps) != 2 || fps[0] == fps[1] {
		t.Fatalf("identical statements need distinct fingerprints (occurrence index): %v", fps)
	}
	// The same file named relatively, or elsewhere, is the same or another file.
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, filepath.Join(root, "1.sql"))
	if err != nil {
		t.Fatal(err)
	}
	s2, fs2 := lint(t, rel, string(s.Source))
	if got := Fingerprints(s2, fs2, root); got[0] != fps[0] {
		t.Error("a relative and an absolute name of one file fingerprint differently")
	}
	s3, fs3 := lint(t, filepath.Join(root, "2.sql"), string(s.Source))
	if got := Fingerprints(s3, fs3, root); got[0] == fps[0] {
		t.Error("two files share a fingerprint")
	}
}

func TestNormalizePath(t *testing.T) {
	root := t.TempDir()
	cases := []struct{ path, want string }{
		{filepath.Join(root, "db", "x.sql"), "db/x.sql"},
		{filepath.Join(root, "db", "..", "y.sql"), "y.sql"},
		{filepath.Join(root, "..", "z.sql"), filepath.ToSlash(filepath.Join(filepath.Dir(root), "z.sql"))},
	}
	for _, c := range cases {
		if got := NormalizePath(c.path, root); got != c.want {
			t.Errorf("NormalizePath(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

func TestWriteLoadFilter(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "db", "1.sql")
	s, fs := lint(t, path, "CREATE TABLE a (id int);\nDELETE FROM t;\n")
	entries := Entries(s, fs, root)
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "tool": "idemlint",
  "findings": [
    {
      "rule": "create-without-guard",
      "path": "db/1.sql",
      "line": 1,
      "message": "` + fs[0].Message + `",
      "fingerprint": "` + entries[0].Fingerprint + `"
    },
    {
      "rule": "unbounded-delete",
      "path": "db/1.sql",
      "line": 2,
      "message": "` + fs[1].Message + `",
      "fingerprint": "` + entries[1].Fingerprint + `"
    }
  ]
}
`
	if buf.String() != want {
		t.Fatalf("baseline file:\n%s\nwant:\n%s", buf.String(), want)
	}
	// An editor may add a byte order mark: the file reads the same.
	bom := filepath.Join(root, "bom.json")
	if err := os.WriteFile(bom, append([]byte("\xEF\xBB\xBF"), buf.Bytes()...), 0o644); err != nil {
		t.Fatal(err)
	}
	if set, err := Load(bom); err != nil || set.Len() != 2 {
		t.Fatalf("Load with a byte order mark: %v", err)
	}
	set, err := Parse("b.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if set.Len() != 2 {
		t.Errorf("Len = %d", set.Len())
	}
	// Later: a line above, the recorded two, and a new finding.
	s2, fs2 := lint(t, path, "-- moved\nCREATE TABLE a (id int);\nDELETE FROM t;\nCREATE TABLE c (id int);\n")
	kept, hidden := set.Filter(s2, fs2, root)
	if len(hidden) != 2 || len(kept) != 1 || kept[0].Rule.ID != "create-without-guard" || s2.Lines.Position(kept[0].Span.Start).Line != 4 {
		t.Errorf("Filter kept %v, hid %d; want only the new CREATE TABLE c on line 4", kept, len(hidden))
	}
	matched := map[string]bool{hidden[0]: true}
	if n := set.Stale(map[string]bool{"db/1.sql": true}, matched); n != 1 {
		t.Errorf("Stale = %d, want 1", n)
	}
	if n := set.Stale(map[string]bool{"db/other.sql": true}, matched); n != 0 {
		t.Errorf("Stale counted entries of a file that was not linted: %d", n)
	}
}

func TestInternalErrorsAreNeverRecorded(t *testing.T) {
	s := &model.Script{Path: "x.sql", Source: []byte("SELECT 1;"), Lines: model.NewLines([]byte("SELECT 1;"))}
	fs := []rules.Finding{{Rule: rules.InternalError, Message: "boom"}}
	if e := Entries(s, fs, ""); len(e) != 0 {
		t.Errorf("recorded %v", e)
	}
	// Even a hand-edited baseline holding its fingerprint does not hide it.
	fp := Fingerprints(s, fs, "")[0]
	set, err := Parse("b.json", []byte(`{"version": 1, "tool": "idemlint", "findings": [{"rule": "internal-error", "path": "x.sql", "line": 1, "message": "", "fingerprint": "`+fp+`"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := set.Filter(s, fs, ""); len(kept) != 1 {
		t.Error("a baseline hid an internal error")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`{"version": 2, "findings": []}`, "baseline b.json: version 2 is not supported (this idemlint reads version 1)"},
		{`{"findings": []}`, "baseline b.json: no version: not an idemlint baseline"},
		{"{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule\": \"x\",}\n  ]\n}", "baseline b.json: 4:18: invalid character '}'"},
		{`{"version": 1, "findings": [{"rule": "x", "path": "a.sql"}]}`, "baseline b.json: finding 1 lacks a rule, path or fingerprint"},
		{`{"version": 1, "findings": [], "extra": true}`, `baseline b.json: json: unknown field "extra"`},
		{`{"version": 1}`, "baseline b.json: no findings list"},
		{`{"version": "1"}`, "baseline b.json: 1:15: json: cannot unmarshal string"},
		{``, "baseline b.json: 1:1: unexpected end of JSON input"},
		// After a byte order mark, positions are those an editor shows.
		{"\xEF\xBB\xBF{\"version\": \"1\"}", "baseline b.json: 1:15: json: cannot unmarshal string"},
		{"{\"version\": 1, \"findings\": [" + strings.Repeat(" ", MaxSize) + "]}", "baseline b.json: larger than 64 MiB"},
	}
	for _, c := range cases {
		_, err := Parse("b.json", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", c.src, err, c.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("Load of a missing file: %v", err)
	}
}
