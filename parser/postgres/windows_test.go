package postgres

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestParseWindows parses every PostgreSQL fixture whole and a window of
// statements at a time (one statement, and a few hundred bytes), and
// requires the same statements, effects and errors: windows only bound
// memory, and a window that ends inside a statement (a rule's action
// list, a BEGIN ATOMIC body) falls back to the whole parse.
func TestParseWindows(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/rules/*/postgres/*.sql")
	if len(files) < 100 {
		t.Fatalf("found %d fixtures", len(files))
	}
	files = append(files, "") // the tricky bodies below
	defer func(v int) { maxParseText = v }(maxParseText)
	for _, f := range files {
		src := []byte("CREATE RULE r AS ON UPDATE TO t DO ALSO (UPDATE a SET x = 1; UPDATE b SET y = 2);\n" +
			"CREATE FUNCTION f(x int) RETURNS boolean LANGUAGE SQL BEGIN ATOMIC select case when x = 0 then true else false end; END;\n" +
			"ALTER TABLE t ADD COLUMN c int;\n")
		if f != "" {
			var err error
			if src, err = os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
		describe := func(limit int) string {
			maxParseText = limit
			toks, regions := Tokenize(src)
			s := &model.Script{Path: f, Dialect: model.Postgres, Source: src}
			Parse(s, toks, regions)
			var b strings.Builder
			s.Walk(func(st *model.Statement) {
				fmt.Fprintf(&b, "%v %q %v", st.Span, st.Tag, st.Kind)
				if st.Err != nil {
					fmt.Fprintf(&b, " error at %d: %s", st.Err.Pos, st.Err.Message)
				}
				for _, e := range st.Effects {
					fmt.Fprintf(&b, " [%v %s %v %v]", e.Action, e.Object.Qualified(), e.Guard, e.Span)
				}
				b.WriteString("\n")
			})
			return b.String()
		}
		whole := describe(1 << 30)
		for _, limit := range []int{0, 300} {
			if got := describe(limit); got != whole {
				t.Errorf("%s, windows of %d bytes:\n%s\nwhole:\n%s", f, limit, got, whole)
			}
		}
	}
}
