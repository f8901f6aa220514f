package fix

import (
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

var testRule = &rules.Rule{ID: "test-fix", Fixable: model.Dialects}

func finding(msg string, edits ...model.Edit) rules.Finding {
	f := rules.Finding{Rule: testRule, Message: msg}
	if edits != nil {
		f.Fix = &rules.Fix{Message: msg, Edits: edits}
	}
	return f
}

func ins(at int, text string) model.Edit { return model.Edit{Start: at, End: at, Text: text} }

func messages(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}

func TestApply(t *testing.T) {
	src := "CREATE TABLE t (id int);\nDROP TABLE u;\n"
	// Offsets: "CREATE TABLE" ends at 12, "DROP TABLE" at 35.
	cases := []struct {
		name             string
		findings         []rules.Finding
		want             string
		applied, skipped []string
	}{
		{"nothing to fix", []rules.Finding{finding("a")}, src, nil, nil},
		{"two fixes",
			[]rules.Finding{finding("drop", ins(35, " IF EXISTS")), finding("create", ins(12, " IF NOT EXISTS"))},
			"CREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE IF EXISTS u;\n",
			[]string{"drop", "create"}, nil},
		{"same insertion twice goes in once",
			[]rules.Finding{finding("a", ins(12, " IF NOT EXISTS")), finding("b", ins(12, " IF NOT EXISTS"))},
			"CREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE u;\n",
			[]string{"a", "b"}, nil},
		{"different insertions at one place: the first wins",
			[]rules.Finding{finding("a", ins(12, " IF NOT EXISTS")), finding("b", ins(12, " TEMP"))},
			"CREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE u;\n",
			[]string{"a"}, []string{"b"}},
		{"overlapping replacement skipped",
			[]rules.Finding{finding("a", model.Edit{Start: 0, End: 6, Text: "create"}), finding("b", model.Edit{Start: 3, End: 8, Text: "x"})},
			"create TABLE t (id int);\nDROP TABLE u;\n",
			[]string{"a"}, []string{"b"}},
		{"insertion bordering a replacement skipped",
			[]rules.Finding{finding("a", model.Edit{Start: 0, End: 6, Text: "create"}), finding("b", ins(6, " OR REPLACE"))},
			"create TABLE t (id int);\nDROP TABLE u;\n",
			[]string{"a"}, []string{"b"}},
		{"adjacent replacements both go in",
			[]rules.Finding{finding("a", model.Edit{Start: 0, End: 6, Text: "create"}), finding("b", model.Edit{Start: 6, End: 12, Text: " table"})},
			"create table t (id int);\nDROP TABLE u;\n",
			[]string{"a", "b"}, nil},
		{"a fix goes in whole or not at all",
			[]rules.Finding{finding("a", model.Edit{Start: 0, End: 6, Text: "create"}), finding("b", ins(35, " IF EXISTS"), model.Edit{Start: 4, End: 8, Text: "x"})},
			"create TABLE t (id int);\nDROP TABLE u;\n",
			[]string{"a"}, []string{"b"}},
		{"out of range skipped",
			[]rules.Finding{finding("a", ins(len(src)+1, "x")), finding("b", model.Edit{Start: 5, End: 4})},
			src, nil, []string{"a", "b"}},
		{"edits of one fix given out of order",
			[]rules.Finding{finding("a", ins(35, " IF EXISTS"), ins(12, " IF NOT EXISTS"))},
			"CREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE IF EXISTS u;\n",
			[]string{"a"}, nil},
		{"edits of one fix that overlap each other",
			[]rules.Finding{finding("a", ins(12, "x"), ins(12, "y"))},
			src, nil, []string{"a"}},
	}
	for _, c := range cases {
		r := Apply([]byte(src), c.findings)
		if string(r.Source) != c.want {
			t.Errorf("%s: source\n%q, want\n%q", c.name, r.Source, c.want)
		}
		if got := messages(r.Applied); !reflect.DeepEqual(got, c.applied) {
			t.Errorf("%s: applied %v, want %v", c.name, got, c.applied)
		}
		if got := messages(r.Skipped); !reflect.DeepEqual(got, c.skipped) {
			t.Errorf("%s: skipped %v, want %v", c.name, got, c.skipped)
		}
		if r.Changed() != (c.want != src) {
			t.Errorf("%s: Changed() = %v", c.name, r.Changed())
		}
	}
}

func TestApplyKeepsInput(t *testing.T) {
	src := []byte("CREATE TABLE t (id int);\n")
	edits := []model.Edit{ins(12, " IF NOT EXISTS")}
	Apply(src, []rules.Finding{finding("a", edits...)})
	if string(src) != "CREATE TABLE t (id int);\n" || edits[0].Text != " IF NOT EXISTS" {
		t.Error("Apply modified its input")
	}
}

func TestUnified(t *testing.T) {
	src := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	off := func(line string) int { return strings.Index(src, line+"\n") }
	cases := []struct {
		name  string
		src   string
		edits []model.Edit
		want  string
	}{
		{"no edits", src, nil, ""},
		{"one word in the middle", src, []model.Edit{ins(off("f")+1, "!")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -3,7 +3,7 @@\n c\n d\n e\n-f\n+f!\n g\n h\n i\n"},
		{"near the start", src, []model.Edit{ins(0, "-- top\n")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,3 +1,4 @@\n+-- top\n a\n b\n c\n"},
		{"two far apart make two hunks", src, []model.Edit{ins(off("b")+1, "!"), ins(off("l")+1, "?")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,5 +1,5 @@\n a\n-b\n+b!\n c\n d\n e\n@@ -9,5 +9,5 @@\n i\n j\n k\n-l\n+l?\n m\n"},
		{"two close together make one hunk", src, []model.Edit{ins(off("c")+1, "!"), ins(off("h")+1, "?")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,11 +1,11 @@\n a\n b\n-c\n+c!\n d\n e\n f\n g\n-h\n+h?\n i\n j\n k\n"},
		{"a line removed", src, []model.Edit{{Start: off("e"), End: off("f")}},
			"--- a/x.sql\n+++ b/x.sql\n@@ -2,7 +2,6 @@\n b\n c\n d\n-e\n f\n g\n h\n"},
		{"no newline at the end", "x\ny", []model.Edit{ins(2, "z")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+zy\n\\ No newline at end of file\n"},
		{"appended to an unterminated last line", "x\ny", []model.Edit{ins(3, ";\n")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y;\n"},
		{"edit that changes nothing", "x\n", []model.Edit{{Start: 0, End: 1, Text: "x"}}, ""},
		{"a lone CR does not end a diff line", "x\n-- c\rALTER t\r\ny\n", []model.Edit{ins(14, "!")},
			"--- a/x.sql\n+++ b/x.sql\n@@ -1,3 +1,3 @@\n x\n--- c\rALTER t\r\n+-- c\rALTER t!\r\n y\n"},
	}
	for _, c := range cases {
		if got := Unified("x.sql", []byte(c.src), c.edits); got != c.want {
			t.Errorf("%s:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// TestUnifiedRoundTrip applies random edits, then applies the diff the
// way patch would, and expects the same text.
func TestUnifiedRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 500; n++ {
		var sb strings.Builder
		lines := 1 + rng.Intn(30)
		for i := 0; i < lines; i++ {
			sb.WriteString("line " + strconv.Itoa(i%7))
			if i < lines-1 || rng.Intn(3) > 0 {
				sb.WriteByte('\n')
			}
		}
		src := sb.String()
		var fs []rules.Finding
		for k := rng.Intn(5); k >= 0; k-- {
			a := rng.Intn(len(src) + 1)
			b := min(len(src), a+rng.Intn(8))
			texts := []string{"", "X", "\n", "new\nlines\n", ";"}
			fs = append(fs, finding("f", model.Edit{Start: a, End: b, Text: texts[rng.Intn(len(texts))]}))
		}
		r := Apply([]byte(src), fs)
		d := Unified("x.sql", []byte(src), r.Edits)
		got, err := patch(src, d)
		if err != nil || got != string(r.Source) {
			t.Fatalf("case %d: patch gave %q (%v), want %q\nsource %q\nedits %+v\ndiff:\n%s", n, got, err, r.Source, src, r.Edits, d)
		}
	}
}

// patch applies a unified diff produced by Unified.
func patch(src, diff string) (string, error) {
	if diff == "" {
		return src, nil
	}
	old := splitLines([]byte(src))
	var out []string
	at := 0
	dl := strings.SplitAfter(diff, "\n")
	for i := 2; i < len(dl) && dl[i] != ""; i++ {
		l := dl[i]
		if strings.HasPrefix(l, "@@ ") {
			f := strings.Fields(l)
			start, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
			s, err := strconv.Atoi(start)
			if err != nil {
				return "", err
			}
			if strings.HasSuffix(f[1], ",0") {
				s++ // an empty range names the line before it
			}
			for ; at < s-1; at++ {
				out = append(out, old[at])
			}
			continue
		}
		body := l[1:]
		if i+1 < len(dl) && strings.HasPrefix(dl[i+1], `\ No newline`) {
			body = strings.TrimSuffix(body, "\n")
			i++
		}
		switch l[0] {
		case ' ':
			out = append(out, old[at])
			at++
		case '-':
			if old[at] != body {
				return "", &mismatch{at, old[at], body}
			}
			at++
		case '+':
			out = append(out, body)
		}
	}
	out = append(out, old[at:]...)
	return strings.Join(out, ""), nil
}

type mismatch struct {
	line      int
	have, del string
}

func (m *mismatch) Error() string {
	return "line " + strconv.Itoa(m.line+1) + ": have " + strconv.Quote(m.have) + ", diff deletes " + strconv.Quote(m.del)
}
