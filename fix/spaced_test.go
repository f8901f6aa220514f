package fix

import (
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// An inserted keyword never runs into the word before or after it, in
// either dialect (found by FuzzFix: CREATE TABLE`x` became TABLEIF).
func TestFixKeepsWordsApart(t *testing.T) {
	for _, c := range []struct {
		d         model.Dialect
		src, want string
	}{
		{model.Postgres, "CREATE TABLE\"x\"(a int);\nDROP TABLE\"y\";\n", "CREATE TABLE IF NOT EXISTS \"x\"(a int);\nDROP TABLE IF EXISTS \"y\";\n"},
		{model.MySQL, "CREATE TABLE`x`(a int);\nCREATE DATABASE`d`;\n", "CREATE TABLE IF NOT EXISTS `x`(a int);\nCREATE DATABASE IF NOT EXISTS `d`;\n"},
	} {
		s := parser.Parse("m.sql", []byte(c.src), parser.Options{Dialect: c.d})
		if res := Apply(s.Source, rules.Run(s, nil)); string(res.Source) != c.want {
			t.Errorf("%s: fixed to\n%s\nwant\n%s", c.d, res.Source, c.want)
		}
	}
	// Text that already has its blanks is left as it is.
	if got := spaced([]byte("CREATE TABLE x"), model.Edit{Start: 13, End: 13, Text: "IF NOT EXISTS "}); got.Text != "IF NOT EXISTS " {
		t.Errorf("spaced = %q", got.Text)
	}
	if got := spaced([]byte("CREATE TABLE x"), model.Edit{Start: 6, End: 6, Text: " OR REPLACE"}); got.Text != " OR REPLACE" {
		t.Errorf("spaced = %q", got.Text)
	}
}
