package fix

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/rules"
)

var update = flag.Bool("update", false, "rewrite the *.sql.golden files")

func countByRule(fs []rules.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule.ID]++
	}
	return m
}

// TestGolden fixes every testdata file with the real parser and rules, and
// checks the result against its golden file; then the fixed text must
// parse without new syntax errors and no longer draw the fixed findings.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			before := rules.Run(parser.Parse(path, src, parser.Options{}), nil)
			r := Apply(src, before)
			if len(r.Applied) == 0 {
				t.Fatal("nothing was fixed: the fixture tests nothing")
			}
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, r.Source, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(golden); err != nil {
				t.Fatalf("%v (run go test ./fix -update)", err)
			} else if string(r.Source) != string(want) {
				t.Errorf("fixed text differs from %s (run go test ./fix -update to accept):\n%s", golden, r.Source)
			}

			after := rules.Run(parser.Parse(path, r.Source, parser.Options{}), nil)
			nb, na := countByRule(before), countByRule(after)
			if na[rules.SyntaxError.ID] > nb[rules.SyntaxError.ID] {
				for _, f := range after {
					if f.Rule == rules.SyntaxError {
						t.Errorf("the fix broke the SQL: %s at offset %d", f.Message, f.Span.Start)
					}
				}
			}
			fixed := countByRule(r.Applied)
			for id, n := range fixed {
				if na[id] != nb[id]-n {
					t.Errorf("%s: %d findings before, %d fixed, %d after", id, nb[id], n, na[id])
				}
			}
			// Nor may a fix draw a finding of another rule.
			for id, n := range na {
				if _, ok := fixed[id]; !ok && n > nb[id] {
					for _, f := range after {
						if f.Rule.ID == id {
							t.Errorf("the fix drew %s: %s", id, f.Message)
						}
					}
				}
			}
			// Whatever is left must not be fixable any more, unless it was
			// skipped for colliding with another fix.
			if left := Apply(r.Source, after); len(left.Applied) > len(r.Skipped) {
				t.Errorf("%d findings still fixable after fixing:%s", len(left.Applied), left.Source)
			}
		})
	}
}
