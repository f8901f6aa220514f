package postgres_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestSignatures: routines are named with their input argument types,
// normalised as PostgreSQL resolves them (checked on PostgreSQL 15).
func TestSignatures(t *testing.T) {
	cases := []struct{ sql, want string }{
		{"CREATE FUNCTION f(d date, u uuid) RETURNS int LANGUAGE sql AS 'select 1';", "f(date,uuid)"},
		{"DROP FUNCTION f(date, uuid);", "f(date,uuid)"},
		{"DROP FUNCTION f;", "f"},
		{"DROP FUNCTION f();", "f()"},
		{"CREATE FUNCTION g(integer, character varying(10), OUT r int, boolean) LANGUAGE sql AS 'select 1';", "g(int4,varchar,bool)"},
		{"DROP FUNCTION g(int4, varchar, bool);", "g(int4,varchar,bool)"},
		{"DROP FUNCTION g(IN a int, b pg_catalog.varchar, bool, OUT z int);", "g(int4,varchar,bool)"},
		{"DROP FUNCTION g(x int4, INOUT y text);", "g(int4,text)"},
		{"CREATE FUNCTION t2(a timestamp with time zone, b double precision, c decimal, d char(3), e int array, f int[][]) RETURNS int LANGUAGE sql AS 'select 1';", "t2(timestamptz,float8,numeric,bpchar,int4[],int4[])"},
		{"CREATE FUNCTION v(VARIADIC a int[]) RETURNS int LANGUAGE sql AS 'select 1';", "v(int4[])"},
		{"CREATE FUNCTION tf(a int) RETURNS TABLE (x int) LANGUAGE sql AS 'select 1';", "tf(int4)"},
		{"CREATE FUNCTION pt(a t.c%TYPE) RETURNS int LANGUAGE sql AS 'select 1';", "pt"},
		{"CREATE PROCEDURE p(a int, OUT b int) LANGUAGE sql AS 'select 1';", "p(int4)"},
		{"DROP PROCEDURE p(int, int);", "p(int4,int4)"},
		{"CREATE AGGREGATE mysum(int) (sfunc = int4pl, stype = int);", "mysum(int4)"},
		{"DROP AGGREGATE mysum(integer);", "mysum(int4)"},
		{"DROP AGGREGATE mycount(*);", "mycount()"},
		{"ALTER FUNCTION f(date, uuid) RENAME TO f2;", "f(date,uuid)"},
	}
	for _, c := range cases {
		s := parse(c.sql)
		var got []string
		s.Walk(func(st *model.Statement) {
			for _, e := range st.Effects {
				got = append(got, e.Object.Qualified())
			}
		})
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}

// TestSameSignature: a procedure is dropped by its input arguments or by
// all of them; a function only by its input arguments.
func TestSameSignature(t *testing.T) {
	proc := func(sql string) model.Object {
		var o model.Object
		parse(sql).Walk(func(st *model.Statement) {
			for _, e := range st.Effects {
				o = e.Object
			}
		})
		return o
	}
	created := proc("CREATE PROCEDURE p(a int, OUT b int) LANGUAGE sql AS 'select 1';")
	fn := proc("CREATE FUNCTION p(a int, OUT b int) LANGUAGE sql AS 'select 1';")
	for _, c := range []struct {
		drop      string
		proc, fun bool
	}{
		{"DROP PROCEDURE p(int);", true, true},
		{"DROP PROCEDURE p(int, int);", true, false},
		{"DROP PROCEDURE p(int, OUT int);", true, true},
		{"DROP PROCEDURE p(text);", false, false},
		{"DROP PROCEDURE p;", true, true},
	} {
		d := proc(c.drop)
		if got := d.Same(created, model.Postgres); got != c.proc {
			t.Errorf("%s vs procedure: got %v", c.drop, got)
		}
		if got := d.Same(fn, model.Postgres); got != c.fun {
			t.Errorf("%s vs function: got %v", c.drop, got)
		}
	}
}
