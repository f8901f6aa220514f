package fix

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

type fixture struct {
	path    string
	dialect model.Dialect
}

// fixtures lists testdata/<dialect>/*.sql.
func fixtures(t testing.TB) []fixture {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var out []fixture
	for _, p := range paths {
		d, err := model.ParseDialect(filepath.Base(filepath.Dir(p)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{p, d})
	}
	return out
}

// maxFuzzInput bounds one input, and with it the time one run takes (two
// parses and two lints of a few kilobytes).
const maxFuzzInput = 4 << 10

// FuzzFix: whatever File fixes parses again without syntax errors, no
// longer draws the findings it fixed, and fixing it again changes nothing
// unless a fix was skipped for colliding with another.
func FuzzFix(f *testing.F) {
	for _, fx := range fixtures(f) {
		src, err := os.ReadFile(fx.path)
		if err != nil {
			f.Fatal(err)
		}
		for i, d := range model.Dialects {
			if d == fx.dialect {
				f.Add(src, uint8(i))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, d uint8) {
		if len(src) > maxFuzzInput {
			return
		}
		dialect := model.Dialects[int(d)%len(model.Dialects)]
		s := parser.Parse("fuzz.sql", src, parser.Options{Dialect: dialect})
		before := rules.Run(s, nil)
		res, why := File(s, before)
		if why != "" || !res.Changed() {
			return
		}
		s2 := parser.Parse("fuzz.sql", res.Source, parser.Options{Dialect: dialect})
		after := rules.Run(s2, nil)
		if why := Refusal(s2, after); why != "" {
			t.Fatalf("the fixed text cannot be fixed again: %s\nbefore:\n%s\nafter:\n%s", why, src, res.Source)
		}
		nb, na := countByRule(before), countByRule(after)
		for id, n := range countByRule(res.Applied) {
			if na[id] > nb[id]-n {
				t.Fatalf("%s: %d findings, %d fixed, %d left\nbefore:\n%s\nafter:\n%s", id, nb[id], n, na[id], src, res.Source)
			}
		}
		again, _ := File(s2, after)
		if len(res.Skipped) == 0 && again.Changed() {
			t.Fatalf("fixing again changes the text\nonce:\n%s\ntwice:\n%s", res.Source, again.Source)
		}
	})
}
