package analyzer_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
)

// recorder collects what analysistest would report, so that a test can
// look at diagnostics in files analysistest cannot read expectations from.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// diagnostics runs the analyzer on a fixture package and renders every
// diagnostic as base-name:line:column-end line:column: message.
func diagnostics(t *testing.T, pkg string) (got []string, errs []string) {
	t.Helper()
	return runWith(t, analyzer.Analyzer, pkg)
}

// run is diagnostics for another analyzer, when analysistest may not
// complain (the fixture's want comments are for the default settings).
func run(t *testing.T, a *analysis.Analyzer, pkg string) []string {
	t.Helper()
	got, _ := runWith(t, a, pkg)
	return got
}

func runWith(t *testing.T, a *analysis.Analyzer, pkg string) (got []string, errs []string) {
	t.Helper()
	r := &recorder{}
	res := analysistest.Run(r, analysistest.TestData(), a, pkg)
	if len(res) != 1 {
		t.Fatalf("got %d results, want 1 (errors: %v)", len(res), r.errs)
	}
	fset := res[0].Pass.Fset
	for _, d := range res[0].Diagnostics {
		p := fset.Position(d.Pos)
		s := fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column)
		if d.End.IsValid() {
			e := fset.Position(d.End)
			s += fmt.Sprintf("-%d:%d", e.Line, e.Column)
		}
		got = append(got, s+": "+d.Message+" ("+d.Category+")")
	}
	return got, r.errs
}

// TestEmbedded: .sql files named by //go:embed are linted with their own
// framework (goose directives here) and reported at their own positions;
// files under _ folders, non-SQL files and files embedded twice are not
// linted again.
func TestEmbedded(t *testing.T) {
	got, errs := diagnostics(t, "embedded")
	want := []string{
		"00001_users.sql:3:19-3:39: column users.name is added without a guard: a second run fails because the column already exists [add-column-without-guard] (add-column-without-guard)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// analysistest cannot read expectations in .sql files: the only
	// complaint allowed is the diagnostic above being "unexpected".
	for _, e := range errs {
		if !strings.Contains(e, "00001_users.sql:3:19: unexpected diagnostic") {
			t.Errorf("analysistest: %s", e)
		}
	}
}

// TestPositions pins exact line:column ranges inside Go literals: raw
// strings byte for byte across lines, interpreted strings between
// escapes, constants where they are declared.
func TestPositions(t *testing.T) {
	got, _ := diagnostics(t, "positions")
	want := []string{
		"positions.go:13:2-13:19: column a.b is added without a guard: a second run fails because the column already exists [add-column-without-guard] (add-column-without-guard)",
		"positions.go:17:61-17:78: column a.c is added without a guard: a second run fails because the column already exists [add-column-without-guard] (add-column-without-guard)",
		"positions.go:20:57-20:77: column a.d is added without a guard: a second run fails because the column already exists [add-column-without-guard] (add-column-without-guard)",
		"positions.go:23:27-23:41: table x is created without a guard: a second run fails because it already exists [create-without-guard] (create-without-guard)",
		"positions.go:26:17-26:31: table y is created without a guard: a second run fails because it already exists [create-without-guard] (create-without-guard)",
		"positions.go:30:18-30:32: table z is created without a guard: a second run fails because it already exists [create-without-guard] (create-without-guard)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSuggestedFixes: a fix is offered when its edits fall inside one run
// of a literal written as is, after an escape too; not into SQL whose text
// is not in this package.
func TestSuggestedFixes(t *testing.T) {
	r := &recorder{}
	res := analysistest.Run(r, analysistest.TestData(), analyzer.Analyzer, "fixes")
	if len(res) != 1 {
		t.Fatalf("analysis failed: %v", r.errs)
	}
	fset := res[0].Pass.Fset
	var got []string
	for _, d := range res[0].Diagnostics {
		line := fmt.Sprintf("%d [%s]", fset.Position(d.Pos).Line, d.Category)
		for _, f := range d.SuggestedFixes {
			for _, e := range f.TextEdits {
				p, q := fset.Position(e.Pos), fset.Position(e.End)
				line += fmt.Sprintf(" %q at %d:%d-%d:%d", e.NewText, p.Line, p.Column, q.Line, q.Column)
			}
		}
		got = append(got, line)
	}
	want := []string{
		`12 [create-without-guard] "IF NOT EXISTS " at 12:24-12:24`,
		`13 [create-without-guard] "IF NOT EXISTS " at 13:24-13:24`,
		`14 [create-without-guard] "IF NOT EXISTS " at 14:27-14:27`,
		`15 [add-column-without-guard] "IF NOT EXISTS " at 15:39-15:39`,
		`16 [destructive-drop]`,
		`16 [drop-without-if-exists] "IF EXISTS " at 16:62-16:62`,
		`18 [create-without-guard]`,
	}
	// The rewrite's wording is package rewrite's to test; here, that it
	// arrives escaped, around the statement, inside the literal.
	rewrite := regexp.MustCompile(`^20 \[create-without-guard\] "DO \$\$\\\\n[^"]*pg_type[^"]*\\\\n" at 20:11-20:11 ";\\\\n[^"]*END \$\$;" at 20:41-20:41$`)
	if len(got) != len(want)+1 || strings.Join(got[:len(want)], "\n") != strings.Join(want, "\n") || !rewrite.MatchString(got[len(want)]) {
		t.Errorf("fixes:\n%s\nwant:\n%s\nand a DO block rewrite on line 20", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
