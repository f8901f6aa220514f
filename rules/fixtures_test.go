package rules_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// wantRe matches fixture expectations: "-- want: rule-a rule-b" expects
// those findings to start on the comment's own line; "want-next:" on the
// line below (for lines that cannot carry a comment, such as inside a
// string literal).
var wantRe = regexp.MustCompile(`(?:--|#)\s*want(-next)?:\s*([a-z0-9, -]+)`)

type expectation struct {
	line int
	rule string
}

func expectations(src []byte) map[expectation]bool {
	want := map[expectation]bool{}
	// Lines are counted as findings are (a lone CR ends one too).
	lines := model.NewLines(src)
	for i := 0; i < lines.Count(); i++ {
		for _, m := range wantRe.FindAllStringSubmatch(lines.LineText(i+1), -1) {
			n := i + 1
			if m[1] != "" {
				n++
			}
			for _, id := range strings.FieldsFunc(m[2], func(r rune) bool { return r == ' ' || r == ',' }) {
				want[expectation{n, id}] = true
			}
		}
	}
	return want
}

// fixtureDialect reads the dialect from the directory a fixture sits in.
func fixtureDialect(path string) (model.Dialect, bool) {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if d, err := model.ParseDialect(part); err == nil && part != "pg" {
			return d, true
		}
	}
	return model.DialectUnknown, false
}

// TestFixtures runs every fixture under testdata/rules: each finding must
// start on a line that expects its rule, and each expectation must be met.
// Lines without expectations must stay silent, for every rule.
func TestFixtures(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			d, ok := fixtureDialect(rel)
			if !ok {
				t.Fatalf("fixture %s is not under a postgres/, mysql/ or mariadb/ directory", rel)
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tg, err := fixtureTarget(src, d)
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			s := parser.Parse(f, src, parser.Options{Dialect: d, Target: tg})
			want := expectations(src)
			got := map[expectation]bool{}
			// The lock rules judge how a statement locks, not how it
			// re-runs: the fixtures of the other rules lock tables they
			// do not create all the time, and are checked without them.
			owner := rules.Lookup(strings.Split(filepath.ToSlash(rel), "/")[0])
			lockFixture := owner != nil && owner.Category == rules.Lock
			for _, fd := range rules.Run(s, nil) {
				if fd.Rule.Category == rules.Lock && !lockFixture {
					continue
				}
				e := expectation{s.Lines.Line(fd.Span.Start), fd.Rule.ID}
				got[e] = true
				if !want[e] {
					t.Errorf("%s:%d: unexpected %s: %s", rel, e.line, e.rule, fd.Message)
				}
			}
			var missing []string
			for e := range want {
				if !got[e] {
					missing = append(missing, fmt.Sprintf("%s:%d: expected %s, got nothing", rel, e.line, e.rule))
				}
			}
			sort.Strings(missing)
			for _, m := range missing {
				t.Error(m)
			}
		})
	}
}

// fixtureTarget reads a fixture's "-- fixture-target: mysql:8.0" line:
// the server version the fixture is written for (the dialect's default
// without one). It must name the fixture's dialect.
func fixtureTarget(src []byte, d model.Dialect) (model.Target, error) {
	const key = "-- fixture-target:"
	for _, line := range strings.Split(string(src), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), key); ok {
			t, err := model.ParseTarget(strings.TrimSpace(v))
			if err == nil && t.Dialect != d {
				err = fmt.Errorf("fixture-target %s is not for %s", t, d)
			}
			return t, err
		}
	}
	return model.Target{}, nil
}

// TestEveryRuleHasFixtures keeps the fixture tree in step with the registry.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range rules.All() {
		if r.Run == nil && r.ID != "syntax-error" {
			continue
		}
		dir := filepath.Join("..", "testdata", "rules", r.ID)
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) == 0 {
			t.Errorf("rule %s has no fixtures in %s", r.ID, dir)
			continue
		}
		// Every expectation of a rule's own fixtures must name a known rule.
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, _ := os.ReadFile(p)
			for e := range expectations(src) {
				if rules.Lookup(e.rule) == nil {
					t.Errorf("%s:%d: expectation names unknown rule %q", p, e.line, e.rule)
				}
			}
			return nil
		})
	}
}
