package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// demoRule stands in for a re-run rule with a fix.
var demoRule = &rules.Rule{
	ID:       "demo-create",
	Summary:  "CREATE TABLE without IF NOT EXISTS",
	Doc:      "## What it finds\n\nA `CREATE TABLE` that fails\nwhen the table exists.\n\n## How to fix it\n\nAdd IF NOT EXISTS.\n",
	Help:     "write CREATE TABLE IF NOT EXISTS",
	Severity: rules.Error,
	Category: rules.Rerun,
	Fixable:  []model.Dialect{model.Postgres},
}

// Stand-ins for the meta rules, so that the golden files do not change
// whenever the real rules' wording does.
var (
	syntaxRule = &rules.Rule{ID: "syntax-error", Summary: "The parser rejected this statement",
		Doc: "## What it finds\n\nSQL the parser rejects.\n", Help: "fix the statement",
		Severity: rules.Error, Category: rules.Syntax}
	suppressionRule = &rules.Rule{ID: "invalid-suppression", Summary: "A suppression comment gives no reason",
		Doc: "## What it finds\n\nA suppression without a reason.\n", Help: "say why the code is safe",
		Severity: rules.Warning, Category: rules.Meta}
	inputRule = &rules.Rule{ID: "invalid-input", Summary: "The file is not text",
		Doc: "## What it finds\n\nBinary content.\n", Help: "save the file as UTF-8",
		Severity: rules.Error, Category: rules.Meta}
)

func script(path string, d model.Dialect, fw model.Framework, src string) *model.Script {
	s := &model.Script{Path: path, Dialect: d, Framework: fw, Source: []byte(src), Lines: model.NewLines([]byte(src)),
		DialectReason: "given"}
	s.Sections = []*model.Section{{Kind: model.SectionWhole, Span: model.Span{Start: 0, End: len(src)}}}
	return s
}

// at returns the span of the first occurrence of sub in the script.
func at(t *testing.T, s *model.Script, sub string) model.Span {
	t.Helper()
	j := strings.Index(string(s.Source), sub)
	if j < 0 {
		t.Fatalf("%q not found in %s", sub, s.Path)
	}
	return model.Span{Start: j, End: j + len(sub)}
}

// goldenCases are the inputs every format is checked on.
func goldenCases(t *testing.T) map[string][]File {
	cases := map[string][]File{}

	// A goose file with a fix, a tab-indented multi-byte line and a
	// multi-line span; a clean MySQL file; a file outside the root.
	goose := script("db/migrations/0001_init.sql", model.Postgres, model.Goose,
		"-- +goose Up\n"+
			"CREATE TABLE orders (id int);\n"+
			"\t/* café */ ALTER TABLE orders\n"+
			"    ADD COLUMN note text;\n"+
			"-- idemlint:ignore demo-create\n"+
			"-- +goose Down\n"+
			"DROP TABLE orders;\n")
	goose.DialectReason = "content: goose directives"
	goose.Sections = []*model.Section{
		{Kind: model.SectionUp, Span: model.Span{Start: 0, End: at(t, goose, "-- +goose Down").Start}, InTransaction: true},
		{Kind: model.SectionDown, Span: model.Span{Start: at(t, goose, "-- +goose Down").Start, End: len(goose.Source)}, InTransaction: true},
	}
	create := at(t, goose, "CREATE TABLE")
	alter := model.Span{Start: at(t, goose, "ALTER TABLE").Start, End: at(t, goose, "note text;").End}
	sup := at(t, goose, "-- idemlint:ignore demo-create")
	cases["basic"] = []File{
		{Script: goose, Findings: []rules.Finding{
			{Rule: demoRule, Severity: rules.Error, Message: "CREATE TABLE orders fails when orders exists",
				Help: demoRule.Help, Span: model.Span{Start: create.Start, End: create.Start + len("CREATE TABLE orders (id int);")},
				Fix: &rules.Fix{Message: "add IF NOT EXISTS", Edits: []model.Edit{{Start: create.End, End: create.End, Text: " IF NOT EXISTS"}}}},
			{Rule: syntaxRule, Severity: rules.Warning, Message: `syntax error at or near "ADD"`,
				Help: "check the ALTER TABLE", Span: alter},
			{Rule: suppressionRule, Severity: rules.Warning, Message: "suppression gives no reason",
				Help: suppressionRule.Help, Span: sup},
		}},
		{Script: script("mysql/0002_clean.sql", model.MySQL, model.FrameworkNone, "CREATE TABLE IF NOT EXISTS t (id int);\n")},
		{Script: script("/elsewhere/x y.sql", model.Postgres, model.Flyway, "SELECT 1;\nSELECT ;\n"), Findings: []rules.Finding{
			{Rule: syntaxRule, Severity: rules.Error, Message: "syntax error at or near \";\"",
				Span: model.Span{Start: 17, End: 17}},
		}},
	}

	cases["empty"] = nil

	// Hostile bytes: a file name that is a workflow command with a bidi
	// override in it, an escape sequence and a NUL in the line, invalid
	// UTF-8, a message with a line break, a very long line, and a line
	// that is a workflow command once leading blanks are trimmed.
	long := "INSERT INTO t VALUES (" + strings.Repeat("1, ", 100) + "x);\n"
	hostile := script("::stop-commands::ev\u202eil.sql", model.DialectUnknown, model.FrameworkNone,
		"SELECT '\x1b[31mred\x00\xff';\n"+long+"  ::stop-commands::tok\n")
	hostile.DialectGuessed = true
	hostile.DialectReason = "no path or content hint"
	x := strings.Index(long, "x);")
	cases["hostile"] = []File{{Script: hostile, Findings: []rules.Finding{
		{Rule: inputRule, Severity: rules.Error, Message: "NUL byte\n::error::injected", Span: model.Span{Start: 16, End: 17}},
		{Rule: demoRule, Severity: rules.Info, Message: "long line", Span: model.Span{Start: 21 + x, End: 21 + x + 1}},
		{Rule: syntaxRule, Severity: rules.Error, Message: "syntax error at or near \"::\"", Span: at(t, hostile, "::stop-commands::tok")},
	}}}
	return cases
}

func TestGolden(t *testing.T) {
	for name, files := range goldenCases(t) {
		for _, format := range Formats() {
			t.Run(name+"."+format, func(t *testing.T) {
				w, _ := Lookup(format)
				var buf bytes.Buffer
				// Only the rules that fired, so that the golden files
				// do not hold the whole catalogue.
				// No environment: the github format must not append to a
				// real job summary when the tests run in Actions.
				noEnv := func(string) string { return "" }
				if err := w(&buf, files, Options{Version: "1.2.3", Rules: []*rules.Rule{}, Getenv: noEnv}); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", name+"."+format+".golden"), buf.Bytes())
			})
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test ./report -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestFormatsRegistered(t *testing.T) {
	want := []string{"checkstyle", "github", "gitlab", "json", "junit", "sarif", "text"}
	if got := strings.Join(Formats(), ","); got != strings.Join(want, ",") {
		t.Errorf("Formats() = %s, want %s", got, strings.Join(want, ","))
	}
	if _, ok := Lookup("xml"); ok {
		t.Error("Lookup(xml) found a format")
	}
}

func TestSummarize(t *testing.T) {
	files := goldenCases(t)["basic"]
	got := Summarize(files)
	want := Summary{Files: 3, Affected: 2, Findings: 4, Errors: 2, Warnings: 2, Infos: 0, Fixable: 1}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
}

func TestLocate(t *testing.T) {
	root := t.TempDir()
	cases := []struct {
		path string
		want location
	}{
		{filepath.Join(root, "db", "a.sql"), location{URI: "db/a.sql", URIBaseID: srcRoot}},
		{filepath.Join(root, "db", "a b#1.sql"), location{URI: "db/a%20b%231.sql", URIBaseID: srcRoot}},
		{filepath.Join(root, "..", "out.sql"), location{URI: "file://" + filepath.ToSlash(filepath.Join(filepath.Dir(root), "out.sql"))}},
		{filepath.Join(root, "..x.sql"), location{URI: "..x.sql", URIBaseID: srcRoot}},
		{filepath.Join(root, "a:b", "c.sql"), location{URI: "./a:b/c.sql", URIBaseID: srcRoot}},
	}
	for _, c := range cases {
		if got := newLocator(root).locate(c.path); got != c.want {
			t.Errorf("locate(%q) = %+v, want %+v", c.path, got, c.want)
		}
	}
}
