package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// regions renders a script's regions as "kind text".
func regions(s *model.Script) []string {
	var out []string
	for _, r := range s.Regions {
		kind := map[model.RegionKind]string{model.RegionCopyData: "data", model.RegionPsqlMeta: "meta"}[r.Kind]
		out = append(out, fmt.Sprintf("%s %q", kind, s.Text(r.Span)))
	}
	return out
}

// statements renders the top-level statements as "line:col tag effects".
func statements(s *model.Script) []string {
	var out []string
	for _, st := range s.Statements {
		line := pos(s, st.Span.Start) + " " + st.Tag
		for _, e := range st.Effects {
			line += fmt.Sprintf(" [%s %s %q %s]", e.Action, e.Object.Qualified(), e.Load, pos(s, e.Span.Start))
		}
		if st.Err != nil {
			line += " error " + pos(s, st.Err.Pos)
		}
		out = append(out, line)
	}
	return out
}

func check(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCopyData: the rows after COPY ... FROM stdin are one data region up
// to the \. line (LF or CRLF), whatever quotes and comment openers they
// hold; SQL on the COPY's own line after its semicolon is still SQL; a
// COPY without its \. runs to the end of the file.
func TestCopyData(t *testing.T) {
	src := "COPY t (a, b) FROM stdin; SELECT 1;\n" +
		"1\tit's\n" +
		"2\t/* x\n" +
		"\\.x is data too\n" +
		"\\.\r\n" +
		"SELECT 2;\n" +
		"Copy u From STDIN With (Format csv);\n" +
		"'a\n"
	s := parse(src)
	check(t, "regions", regions(s), []string{
		`data "1\tit's\n2\t/* x\n\\.x is data too\n\\.\r"`,
		`data "'a\n"`,
	})
	check(t, "statements", statements(s), []string{
		`1:1 COPY T [insert t "COPY FROM stdin" 1:1]`,
		`1:27 SELECT`,
		`6:1 SELECT`,
		`7:1 COPY U [insert u "COPY FROM stdin" 7:1]`,
	})
}

// TestPsqlMeta: a backslash where a statement starts is a meta-command up
// to the end of its line; \copy ... from becomes a statement with the
// insert of the COPY it runs, and \copy ... from stdin reads rows too. A
// backslash inside a statement is left to the parser, which rejects it.
func TestPsqlMeta(t *testing.T) {
	src := "\\set ON_ERROR_STOP on\n" +
		"  \\connect app\n" +
		"SELECT 1; \\echo 'x; y'\n" +
		"\\copy public.\"Roles\" (name) from 'roles.csv' with csv header\n" +
		"\\copy roles from stdin\n" +
		"DROP TABLE x;\n" +
		"\\.\n" +
		"\\copy (SELECT 1) to 'out.csv'\n" +
		"\\copyright\n" +
		"SELECT 2 \\gset\n"
	s := parse(src)
	check(t, "regions", regions(s), []string{
		`meta "\\set ON_ERROR_STOP on"`,
		`meta "\\connect app"`,
		`meta "\\echo 'x; y'"`,
		`meta "\\copy public.\"Roles\" (name) from 'roles.csv' with csv header"`,
		`meta "\\copy roles from stdin"`,
		`data "DROP TABLE x;\n\\."`,
		`meta "\\copy (SELECT 1) to 'out.csv'"`,
		`meta "\\copyright"`,
	})
	check(t, "statements", statements(s), []string{
		`3:1 SELECT`,
		`4:1 \copy [insert public.Roles "\\copy from a client file" 4:1]`,
		`5:1 \copy [insert roles "\\copy from stdin" 5:1]`,
		`10:1 SELECT error 10:10`,
	})
}

// TestCopyInsertEffect: the forms of COPY FROM, and COPY TO, which loads
// nothing.
func TestCopyInsertEffect(t *testing.T) {
	s := parse("COPY s.t FROM '/tmp/x.csv';\nCOPY t FROM PROGRAM 'cat x';\nCOPY t TO '/tmp/y';\nCOPY (SELECT 1) TO STDOUT;\n")
	check(t, "statements", statements(s), []string{
		`1:1 COPY S [insert s.t "COPY FROM a server file" 1:1]`,
		`2:1 COPY T [insert t "COPY FROM PROGRAM" 2:1]`,
		`3:1 COPY T`,
		`4:1 COPY`,
	})
}
