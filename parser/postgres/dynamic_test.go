package postgres_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// children lists "action object" for the effects of the statements a DO
// block read, with "?" for names not known statically.
func children(s *model.Script) []string {
	var out []string
	s.Walk(func(st *model.Statement) {
		if st.Parent == nil {
			return
		}
		for _, e := range st.Effects {
			name := e.Object.Qualified()
			if e.Object.Unknown {
				name = "?"
			}
			out = append(out, e.Action.String()+" "+e.Object.Kind.String()+" "+name)
		}
	})
	return out
}

func TestDynamicSQL(t *testing.T) {
	cases := []struct {
		expr string
		want string // effects, joined by "; "
		note string // part of the note when nothing is read
	}{
		{"'CREATE TABLE a (id int)'", "create table a", ""},
		{"E'CREATE TABLE \\\\\"b\\\\\" (id int)'", "", "does not parse"},
		{"format('ALTER TABLE %I ADD COLUMN %I int', 'T', 'c')", "add column T.c", ""},
		{"format('ALTER TABLE %2$I ADD COLUMN %1$I int', 'c', 't')", "add column t.c", ""},
		{"format('ALTER TABLE %I ADD COLUMN %s int', v, 'c')", "add column ?", ""},
		{"format('CREATE TABLE %s.%I (a text DEFAULT %L)', 's', 'x', 'it''s')", "create table s.x", ""},
		{"format('CREATE INDEX %I ON t (a) WHERE a LIKE ''%%x''', 'i')", "create index t.i", ""},
		{"'CREATE TABLE ' || quote_ident('log') || ' (id int)'", "create table log", ""},
		{"'CREATE TABLE ' || quote_ident(v || '_log') || ' (id int)'", "create table ?", ""},
		{"concat('DROP TABLE ', 'x')", "drop table x", ""},
		{"format('ALTER TABLE t ALTER COLUMN c TYPE varchar(%s)', n)", "", ""},
		{"format('CREATE TABLE %I (', 'x')", "", "does not parse"},
		{"format('CREATE TABLE %Q', 'x')", "", "not known"},
		{"format('CREATE TABLE %I %I', 'x')", "", "not known"},
		{"sql_text", "", "not known"},
		{"upper('create table z (id int)')", "", "not known"},
	}
	for _, c := range cases {
		src := "DO $fz$ DECLARE v text; n int; BEGIN EXECUTE " + c.expr + "; END $fz$;"
		s := parse(src)
		s.Walk(func(st *model.Statement) {
			if st.Err != nil {
				t.Errorf("%s: error %q", c.expr, st.Err.Message)
			}
		})
		if got := strings.Join(children(s), "; "); got != c.want {
			t.Errorf("%s: read %q, want %q", c.expr, got, c.want)
		}
		var notes []string
		for _, n := range s.Notes {
			notes = append(notes, n.Text)
			if n.Pos < 0 || n.Pos > len(src) {
				t.Errorf("%s: note outside the source: %+v", c.expr, n)
			}
		}
		if c.note == "" && len(notes) > 0 || c.note != "" && (len(notes) != 1 || !strings.Contains(notes[0], c.note)) {
			t.Errorf("%s: notes %q, want one saying %q", c.expr, notes, c.note)
		}
	}
}

// FuzzDynamic: whatever an EXECUTE expression holds, reading it never
// panics, every span stays inside the DO block, and nothing is read from
// a string that does not parse: the only statements the block has are
// ones that parsed, or ones past the nesting bound.
func FuzzDynamic(f *testing.F) {
	for _, seed := range []string{
		"'CREATE TABLE a (id int)'",
		"format('ALTER TABLE %I ADD COLUMN %s int', 't', 'c')",
		"format('%1$s %2$I %%%L', 'CREATE TABLE', 'x', 'y')",
		"format('%-10s %3$I %', v)",
		"'CREATE TABLE ' || quote_ident(v) || ' (id int)'",
		"quote_literal(v) || quote_nullable('x') || concat('a', ('b'), 1::text)",
		"E'CREATE\\nTABLE x (id int)' || $q$;$q$",
		"format('CREATE INDEX %I ON t(a)', 'x') || ';' || 'DROP TABLE y'",
		"'DO $x$ BEGIN EXECUTE ''CREATE TABLE z ()''; END $x$'",
		"'CREATE INDEX ON Emoji(CreateAt) WHERE'",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if strings.Contains(expr, "$fz$") || len(expr) > 4000 {
			return
		}
		src := "DO $fz$ DECLARE v text := 'x'; n int; BEGIN EXECUTE " + expr + "; END $fz$;"
		s := parse(src)
		if len(s.Statements) == 0 {
			return
		}
		do := s.Statements[0]
		inside := func(sp model.Span) bool { return sp.Start >= 0 && sp.End <= len(src) && sp.Start <= sp.End }
		s.Walk(func(st *model.Statement) {
			if !inside(st.Span) {
				t.Fatalf("span %v outside the source (%d bytes)", st.Span, len(src))
			}
			for _, e := range st.Effects {
				if !inside(e.Span) {
					t.Fatalf("effect span %v outside the source", e.Span)
				}
				for _, ed := range e.Fixes {
					if ed.Start < do.Span.Start || ed.End > do.Span.End || ed.Start > ed.End {
						t.Fatalf("fix %+v outside the DO block %v", ed, do.Span)
					}
				}
			}
			if st.Parent == nil {
				return
			}
			if st.Span.Start < do.Span.Start || st.Span.End > do.Span.End {
				t.Fatalf("dynamic statement %v outside the DO block %v", st.Span, do.Span)
			}
			if st.Err != nil && st.Err.Kind == model.ErrSyntax {
				t.Fatalf("read a string that does not parse: %q", st.Err.Message)
			}
		})
		for _, n := range s.Notes {
			if n.Pos < 0 || n.Pos > len(src) {
				t.Fatalf("note outside the source: %+v", n)
			}
		}
	})
}
