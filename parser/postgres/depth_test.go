package postgres_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres"
)

// errKinds lists the errors of a script as "line:col kind".
func errKinds(s *model.Script) []string {
	var out []string
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			kind := map[model.ErrKind]string{model.ErrSyntax: "syntax", model.ErrLimit: "limit", model.ErrInternal: "internal"}[st.Err.Kind]
			out = append(out, pos(s, st.Err.Pos)+" "+kind)
		}
	})
	return out
}

func nest(open, inner, shut string, n int) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(shut, n)
}

// TestDepthBound: a statement past MaxDepth is not parsed and says so at
// its first keyword, and the statements around it are read; one at the
// bound is parsed. Each deep form here crashes libpg_query or exceeds the
// protobuf decoder's limit at some size without the bound.
func TestDepthBound(t *testing.T) {
	n := postgres.MaxDepth
	deep := map[string]func(int) string{
		"parentheses": func(k int) string { return "SELECT " + nest("(", "1", ")", k) },
		"plus":        func(k int) string { return "SELECT 1" + strings.Repeat(" + 1", k) },
		"concat":      func(k int) string { return "SELECT 'a'" + strings.Repeat(" || 'a'", k) },
		"casts":       func(k int) string { return "SELECT 1" + strings.Repeat("::int", k) },
		"not":         func(k int) string { return "SELECT " + strings.Repeat("NOT ", k) + "true" },
		"case":        func(k int) string { return "SELECT " + nest("CASE WHEN true THEN ", "1", " END", k) },
		"arrays":      func(k int) string { return "SELECT " + nest("ARRAY[", "1", "]", k) },
		"subselects":  func(k int) string { return "SELECT " + nest("(SELECT ", "1", ")", k) },
		"union":       func(k int) string { return "SELECT 1" + strings.Repeat(" UNION SELECT 1", k) },
		"join":        func(k int) string { return "SELECT 1 FROM t" + strings.Repeat(" JOIN t ON true AND true", k) },
	}
	for name, gen := range deep {
		for _, c := range []struct {
			k    int
			want []string
		}{
			{n * 4 / 5, nil}, // some forms count more than one level per repetition
			{n * 50, []string{"2:1 limit"}},
		} {
			s := parse("SELECT 0;\n" + gen(c.k) + ";\nALTER TABLE t ADD COLUMN c int;\n")
			if got := errKinds(s); strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("%s x%d: errors %q, want %q", name, c.k, got, c.want)
			}
			if len(s.Statements) != 3 || len(s.Statements[2].Effects) != 1 {
				t.Errorf("%s x%d: the statements around it must be read, got %d", name, c.k, len(s.Statements))
			}
		}
	}
	// The exact bound, on plain parentheses.
	for k, want := range map[int]string{n: "", n + 1: "1:1 limit"} {
		s := parse("SELECT " + nest("(", "1", ")", k) + ";")
		if got := strings.Join(errKinds(s), "|"); got != want {
			t.Errorf("%d parentheses: errors %q, want %q", k, got, want)
		}
	}
}

// TestDepthFlat: long statements whose tree is flat stay far below the
// bound: many rows, AND/OR lists, CASE branches, arguments.
func TestDepthFlat(t *testing.T) {
	k := postgres.MaxDepth * 10
	for _, src := range []string{
		"INSERT INTO t (a, b) VALUES " + strings.TrimSuffix(strings.Repeat("(-1, 'x'::text), ", k), ", "),
		"SELECT 1 WHERE " + strings.TrimSuffix(strings.Repeat("a = 1 OR b <> 2 AND ", k), " AND "),
		"UPDATE t SET a = CASE id" + strings.Repeat(" WHEN 1 + 1 THEN 'x' || 'y'", k) + " END",
		"SELECT greatest(" + strings.TrimSuffix(strings.Repeat("1 + 1, ", k), ", ") + ")",
		"SELECT a[1][2]" + strings.Repeat(", b->'x'->>'y'", k) + " FROM t",
	} {
		s := parse(src + ";")
		if got := errKinds(s); len(got) != 0 {
			t.Errorf("%.60s...: errors %q, want none", src, got)
		}
	}
}

// TestPlpgsqlDepth: a PL/pgSQL body nested past the bound is not handed
// to the PL/pgSQL parser (at about 3,400 BEGIN levels its tree exceeds the
// JSON decoder's limit and the body used to vanish); SQL nested too deep in
// an EXECUTE string is bounded where it is read.
func TestPlpgsqlDepth(t *testing.T) {
	n := postgres.MaxDepth
	cases := []struct {
		src  string
		want string
	}{
		{"DO $$ " + nest("BEGIN ", "NULL;", " END;", n-1) + " $$;", ""},
		{"DO $$ " + nest("BEGIN ", "NULL;", " END;", 4000) + " $$;", "1:1 limit"},
		{"DO $$ BEGIN " + nest("IF true THEN ", "NULL;", " END IF;", 4000) + " END $$;", "1:1 limit"},
		{"DO $$ BEGIN " + nest("LOOP ", "EXIT;", " END LOOP;", 4000) + " END $$;", "1:1 limit"},
		{"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1" + strings.Repeat(" + 1", 30000) + "; END $$;", "1:1 limit"},
		{"DO $$ BEGIN IF " + nest("(", "true", ")", 20000) + " THEN NULL; END IF; END $$;", "1:1 limit"},
		{"DO $$ BEGIN EXECUTE 'SELECT 1" + strings.Repeat(" + 1", 30000) + "'; END $$;", "1:22 limit"},
		// DDL's IF [NOT] EXISTS opens no block.
		{"DO $$ BEGIN " + strings.Repeat("DROP TABLE IF EXISTS t; ", n*2) + "END $$;", ""},
	}
	for _, c := range cases {
		s := parse(c.src + "\nSELECT 1;\n")
		if got := strings.Join(errKinds(s), "|"); got != c.want {
			t.Errorf("%.50s...: errors %q, want %q", c.src, got, c.want)
		}
		if len(s.Statements) != 2 {
			t.Errorf("%.50s...: %d statements, want 2", c.src, len(s.Statements))
		}
	}
}

// TestPlpgsqlSyntaxError: the error sits at the text the PL/pgSQL parser
// names, mapped through a quoted body's doubled quotes, or at the end of
// the body when the parser ran out of it; the statement keeps no effect.
func TestPlpgsqlSyntaxError(t *testing.T) {
	cases := []struct{ src, want string }{
		{"DO $$ BEGIN PERFORM 1; ENDX $$;", "1:29 syntax"},
		{"DO $$\nBEGIN\n  IF true THEN\n    NULL;\n  END  IFF;\nEND\n$$;", "5:8 syntax"},
		{"CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS 'BEGIN\n  RETURN ''it''''s'';\n  RETURN 1 2;\nEND';", "3:12 syntax"},
		{"DO $$ BEGIN\n  PERFORM 'abc; END $$;", "2:11 syntax"},
	}
	for _, c := range cases {
		s := parse(c.src)
		if got := strings.Join(errKinds(s), "|"); got != c.want {
			t.Errorf("%q: errors %q, want %q", c.src, got, c.want)
		}
		if len(s.Statements) == 1 && len(s.Statements[0].Effects) != 0 {
			t.Errorf("%q: a rejected statement has no effects, got %d", c.src, len(s.Statements[0].Effects))
		}
	}
}
