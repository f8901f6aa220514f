package analyzer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestContextAfterParse pins the assumption the package doc states:
// setting a section's kind and transaction flag after parsing gives the
// same findings as parsing a goose file whose directives say the same.
// If the parser ever starts reading those fields, this fails.
func TestContextAfterParse(t *testing.T) {
	sqls := []string{
		"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);",
		"DROP TABLE users;",
		"DROP TABLE IF EXISTS users;",
		"TRUNCATE audit;",
		"CREATE TABLE t (id int);\nDROP TABLE t;",
		"CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ADD COLUMN a int;\nUPDATE t SET a = a + 1;",
		"DELETE FROM t;\nINSERT INTO t (id) VALUES (1);",
	}
	cases := []struct {
		header string
		ctx    execContext
	}{
		{"-- +goose Up\n", execContext{role: roleUp, goose: true, inTx: true, txWhy: "goose"}},
		{"-- +goose NO TRANSACTION\n-- +goose Up\n", execContext{role: roleUp, goose: true}},
		{"-- +goose Down\n", execContext{role: roleDown, goose: true, inTx: true, txWhy: "goose"}},
		{"-- +goose NO TRANSACTION\n-- +goose Down\n", execContext{role: roleDown, goose: true}},
	}
	render := func(s *model.Script, shift int) string {
		var b strings.Builder
		for _, f := range rules.Run(s, nil) {
			fmt.Fprintf(&b, "%d-%d %s %s\n", f.Span.Start-shift, f.Span.End-shift, f.Rule.ID, f.Message)
		}
		return b.String()
	}
	for _, sql := range sqls {
		for _, c := range cases {
			// Bind arguments keep the implicit multi-statement transaction
			// out of it: goose runs a NO TRANSACTION file statement by
			// statement, which is not what one Exec does.
			file := parser.Parse("m.sql", []byte(c.header+sql), parser.Options{Dialect: model.Postgres, Framework: model.Goose})
			want := render(file, len(c.header))
			s := parser.Parse("m.go", []byte(sql), parser.Options{Dialect: model.Postgres, Framework: model.FrameworkUndefined})
			applyContext(s, c.ctx, true)
			if got := render(s, 0); got != want {
				t.Errorf("%q with %q:\ngot:\n%swant:\n%s", sql, c.header, got, want)
			}
		}
	}
}
