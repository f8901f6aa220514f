package fix

import (
	"os"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func lint(t *testing.T, d model.Dialect, src string) (*model.Script, []rules.Finding) {
	t.Helper()
	s := parser.Parse("m.sql", []byte(src), parser.Options{Dialect: d})
	return s, rules.Run(s, nil)
}

func without(fs []rules.Finding, r *rules.Rule) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Rule != r {
			out = append(out, f)
		}
	}
	return out
}

// Files the parser did not fully read are not fixed at all, though they
// hold a fixable finding.
func TestFileRefusesWhatTheParserDidNotRead(t *testing.T) {
	cases := []struct {
		name    string
		dialect model.Dialect
		src     string
		// drop removes the syntax-error findings, as a configuration that
		// disables the rule or a baseline would.
		drop bool
		// why is the reason given; empty for any.
		why string
	}{
		{"syntax error", model.Postgres, "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN ;\n", false, "syntax-error finding at line 2"},
		{"syntax error hidden", model.Postgres, "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN ;\n", true, "the parser rejected the statement at line 2"},
		{"mysql syntax error", model.MySQL, "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN;\n", false, "syntax-error finding at line 2"},
		{"postgres limit", model.Postgres, "CREATE TABLE t (id int);\nSELECT " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + ";\n", false, "line 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, fs := lint(t, c.dialect, c.src)
			if !hasFix(fs) {
				t.Fatal("no fixable finding: the case tests nothing")
			}
			if c.drop {
				fs = without(fs, rules.SyntaxError)
			}
			res, why := File(s, fs)
			if why == "" || !strings.Contains(why, c.why) {
				t.Errorf("refused %q, want %q", why, c.why)
			}
			if res.Changed() || string(res.Source) != c.src {
				t.Errorf("the file would change:\n%s", res.Source)
			}
		})
	}
}

func hasFix(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Fix != nil {
			return true
		}
	}
	return false
}

func TestFileRefusesInternalErrors(t *testing.T) {
	s, fs := lint(t, model.Postgres, "CREATE TABLE t (id int);\n")
	fs = append(fs, rules.Finding{Rule: rules.InternalError, Message: "rule x failed"})
	if _, why := File(s, fs); why != "internal-error finding" {
		t.Errorf("refused %q", why)
	}
	s.Crash = "parser bug"
	if _, why := File(s, nil); why != "the parser failed on it" {
		t.Errorf("refused %q", why)
	}
}

// psql data rows and meta-commands are never edited, though they look
// like SQL; the statements around them are fixed.
func TestFileLeavesPsqlDataAlone(t *testing.T) {
	src := "\\connect app\nCREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\nCREATE TABLE x (a int);\nDROP TABLE y;\n\\.\nCREATE TABLE u (a int);\n"
	want := "\\connect app\nCREATE TABLE IF NOT EXISTS t (a int);\nCOPY t (a) FROM stdin;\nCREATE TABLE x (a int);\nDROP TABLE y;\n\\.\nCREATE TABLE IF NOT EXISTS u (a int);\n"
	s, fs := lint(t, model.Postgres, src)
	res, why := File(s, fs)
	if why != "" || string(res.Source) != want {
		t.Errorf("fixed (refused %q) to\n%s\nwant\n%s", why, res.Source, want)
	}

	// Whatever the rules say, an edit that touches a region that is not
	// SQL, even at its edge, is skipped.
	stmt := &model.Statement{Span: model.Span{Start: 0, End: 22}}
	src = "COPY t FROM stdin;\nx\n\\.\n"
	s = &model.Script{Source: []byte(src), Lines: model.NewLines([]byte(src)), Statements: []*model.Statement{stmt},
		Regions: []model.Region{{Kind: model.RegionCopyData, Span: model.Span{Start: 19, End: 23}}}}
	s.Statements[0].Span.End = len(src) // as if the statement covered its data
	for _, at := range []int{19, 20, 23} {
		res, why := File(s, []rules.Finding{finding("data", ins(at, "IF NOT EXISTS "))})
		if why != "" || res.Changed() || len(res.Skipped) != 1 {
			t.Errorf("edit at %d: refused %q, changed %v, skipped %d", at, why, res.Changed(), len(res.Skipped))
		}
	}
	if res, _ := File(s, []rules.Finding{finding("sql", ins(4, " x"))}); !res.Changed() {
		t.Error("an edit in the COPY statement itself was skipped")
	}
}

// Text outside every statement and comment is unread, except blanks,
// stray semicolons, a byte order mark and the mysql client's DELIMITER.
func TestUnread(t *testing.T) {
	stmt := &model.Statement{Span: model.Span{Start: 0, End: 24}}
	src := "CREATE TABLE t (id int);\n1\tfoo\n"
	s := &model.Script{Source: []byte(src), Lines: model.NewLines([]byte(src)), Statements: []*model.Statement{stmt}}
	if got := Unread(s); got != 25 {
		t.Errorf("Unread = %d, want 25", got)
	}
	if _, why := File(s, nil); why != "the parser did not read the text at line 2" {
		t.Errorf("refused %q", why)
	}

	for _, c := range []struct {
		d   model.Dialect
		src string
	}{
		{model.Postgres, "\ufeffCREATE TABLE t (id int);;\n  ;\n-- done\n"},
		{model.MySQL, "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\ndelimiter ;\nCREATE TABLE t (id int);\n"},
	} {
		s, fs := lint(t, c.d, c.src)
		if got := Unread(s); got != -1 {
			t.Errorf("%q: unread text at %d", c.src, got)
		}
		if res, why := File(s, fs); why != "" || !res.Changed() {
			t.Errorf("%q: not fixed (%q)", c.src, why)
		}
	}
	// DELIMITER is a client command only for MySQL.
	if s, _ := lint(t, model.Postgres, "DELIMITER //\n"); Refusal(s, nil) == "" {
		t.Error("DELIMITER accepted in a PostgreSQL file")
	}
}

// An edit outside the statements the parser read is skipped with its
// whole fix; the others go in.
func TestFileSkipsEditsOutsideStatements(t *testing.T) {
	src := "CREATE TABLE t (id int);\n-- CREATE TABLE x (a int);\n"
	s := &model.Script{
		Source:     []byte(src),
		Lines:      model.NewLines([]byte(src)),
		Statements: []*model.Statement{{Span: model.Span{Start: 0, End: 24}}},
		Comments:   []model.Span{{Start: 25, End: len(src) - 1}},
	}
	in := finding("in", ins(12, " IF NOT EXISTS"))
	out := finding("out", ins(15, " IF NOT EXISTS"), ins(40, " IF NOT EXISTS"))
	res, why := File(s, []rules.Finding{out, in})
	if why != "" {
		t.Fatalf("refused %q", why)
	}
	want := "CREATE TABLE IF NOT EXISTS t (id int);\n-- CREATE TABLE x (a int);\n"
	if string(res.Source) != want || strings.Join(messages(res.Applied), ",") != "in" || strings.Join(messages(res.Skipped), ",") != "out" {
		t.Errorf("got %q applied %v skipped %v", res.Source, messages(res.Applied), messages(res.Skipped))
	}
}

// The fix fixtures are fixed through File as through Apply: nothing in
// them is refused.
func TestFileFixesTheFixtures(t *testing.T) {
	for _, p := range fixtures(t) {
		src, err := os.ReadFile(p.path)
		if err != nil {
			t.Fatal(err)
		}
		s := parser.Parse(p.path, src, parser.Options{Dialect: p.dialect})
		fs := rules.Run(s, nil)
		res, why := File(s, fs)
		if want := Apply(src, fs); why != "" || string(res.Source) != string(want.Source) {
			t.Errorf("%s: refused %q or fixed differently:\n%s", p.path, why, res.Source)
		}
	}
}
