package rules

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres"
)

var update = flag.Bool("update", false, "rewrite docs/rules from the rule metadata")

const docsDir = "../docs/rules"

// docHeader marks the files as generated; an HTML comment so that it does
// not show when the Markdown is rendered.
const docHeader = "<!-- Generated from the rule metadata by `go test ./rules -run TestDocs -update`. Do not edit. -->\n\n"

// generatedDocs is every file docs/rules should hold, by name.
func generatedDocs() map[string]string {
	want := map[string]string{"README.md": docHeader + IndexMarkdown(All())}
	for _, r := range All() {
		want[r.ID+".md"] = docHeader + Markdown(r)
	}
	return want
}

// TestDocs keeps docs/rules in step with the registry: it fails when a page
// is missing, stale or left over from a removed rule, and -update rewrites
// them.
func TestDocs(t *testing.T) {
	want := generatedDocs()
	if *update {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	have, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range have {
		if _, ok := want[filepath.Base(p)]; ok {
			continue
		}
		if *update {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s belongs to no rule; run go test ./rules -run TestDocs -update", p)
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(docsDir, n)
		if *update {
			if err := os.WriteFile(p, []byte(want[n]), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v; run go test ./rules -run TestDocs -update", err)
			continue
		}
		if string(got) != want[n] {
			t.Errorf("%s is stale; run go test ./rules -run TestDocs -update", p)
		}
	}
}

// TestDocFiles pairs rules with their prose: every rule has doc/<id>.md
// and every doc/*.md belongs to a rule.
func TestDocFiles(t *testing.T) {
	for _, r := range All() {
		b, err := docFiles.ReadFile("doc/" + r.ID + ".md")
		if err != nil {
			t.Errorf("rule %s has no doc/%s.md: %v", r.ID, r.ID, err)
			continue
		}
		if len(b) == 0 || r.Doc != string(b) {
			t.Errorf("rule %s: Doc is not the text of doc/%s.md", r.ID, r.ID)
		}
	}
	names, err := fs.Glob(docFiles, "doc/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no doc files embedded")
	}
	for _, n := range names {
		id := strings.TrimSuffix(strings.TrimPrefix(n, "doc/"), ".md")
		if Lookup(id) == nil {
			t.Errorf("%s belongs to no rule", n)
		}
	}
}

// TestDocNumbers keeps the numbers a page quotes from the code in step
// with the code.
func TestDocNumbers(t *testing.T) {
	want := fmt.Sprintf("\n%d levels deep", postgres.MaxDepth)
	if !strings.Contains(InvalidInput.Doc, want) {
		t.Errorf("doc/invalid-input.md must say %q (postgres.MaxDepth)", want)
	}
}

func TestMarkdownShape(t *testing.T) {
	r := &Rule{
		ID:       "demo-rule",
		Summary:  "Something is done twice",
		Doc:      "## What it finds\n\nA thing.\n",
		Help:     "guard it",
		Severity: Warning,
		Category: Rerun,
		Dialects: []model.Dialect{model.MySQL},
		Fixable:  []model.Dialect{model.MySQL},
		Examples: []Example{
			{Dialect: model.MySQL, SQL: "CREATE TABLE t (id int);\n", Bad: true, Note: "no guard"},
			{Dialect: model.MySQL, Path: "0001_x.up.sql", SQL: "CREATE TABLE IF NOT EXISTS t (id int);"},
		},
	}
	want := "# demo-rule\n\n" +
		"Something is done twice.\n\n" +
		"| Severity | Category | Dialects | Fixable |\n|---|---|---|---|\n" +
		"| warning | rerun | mysql, mariadb | mysql |\n\n" +
		"## What it finds\n\nA thing.\n\n" +
		"**In short:** guard it.\n\n" +
		"## Examples\n\n### MySQL\n\n" +
		"**Bad**: no guard\n\n```sql\nCREATE TABLE t (id int);\n```\n\n" +
		"**Good** (in `0001_x.up.sql`)\n\n```sql\nCREATE TABLE IF NOT EXISTS t (id int);\n```\n\n" +
		"Silence one statement with `-- idemlint:ignore demo-rule -- <reason>` on its line or the line above.\n"
	if got := Markdown(r); got != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestDialectList(t *testing.T) {
	cases := []struct {
		r    *Rule
		want string
	}{
		{&Rule{ID: "x"}, "postgres, mysql, mariadb"},
		{&Rule{ID: "x", Dialects: []model.Dialect{model.Postgres}}, "postgres"},
		{&Rule{ID: "x", Dialects: []model.Dialect{model.MySQL}}, "mysql, mariadb"},
		{&Rule{ID: "mysql-unsupported-if-exists", Dialects: []model.Dialect{model.MySQL}}, "mysql"},
	}
	for _, c := range cases {
		if got := DialectList(c.r); got != c.want {
			t.Errorf("DialectList(%s %v) = %q, want %q", c.r.ID, c.r.Dialects, got, c.want)
		}
	}
}

func TestIndexLinksEveryRule(t *testing.T) {
	idx := IndexMarkdown(All())
	for _, r := range All() {
		if !strings.Contains(idx, "| ["+r.ID+"]("+r.ID+".md) |") {
			t.Errorf("index has no row for %s", r.ID)
		}
	}
}
