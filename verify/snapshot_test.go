package verify

import (
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	a := NewSnapshot()
	a.Objects["table public.t"] = "r p"
	a.Objects["column public.t.a"] = "1 integer"
	a.Objects["index public.t_a"] = "CREATE INDEX t_a ON public.t USING btree (a)"
	a.Tables["public.t"] = Rows{Count: 2, Sum: "x"}
	a.Tables["public.u"] = Rows{Count: 1, Sum: "y"}

	b := NewSnapshot()
	b.Objects["table public.t"] = "r p"
	b.Objects["column public.t.a"] = "1 bigint"
	b.Objects["index public.t_a1"] = "CREATE INDEX t_a1 ON public.t USING btree (a)"
	b.Objects["table public.v"] = "r p"
	b.Tables["public.t"] = Rows{Count: 2, Sum: "z"}
	b.Tables["public.u"] = Rows{Count: 2, Sum: "y"}
	b.Tables["public.v"] = Rows{}

	d := Compare(a, b)
	want := Diff{
		Schema:   []string{"~column public.t.a", "-index public.t_a", "+index public.t_a1", "+table public.v"},
		Rows:     []string{"public.u 1 → 2"},
		Contents: []string{"public.t"},
		Before:   map[string]string{"column public.t.a": "1 integer"},
		After:    map[string]string{"column public.t.a": "1 bigint"},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Compare:\n got %+v\nwant %+v", d, want)
	}
	if got := d.Kinds(); !reflect.DeepEqual(got, []string{"schema", "rows", "contents"}) {
		t.Errorf("Kinds = %v", got)
	}
	if got, w := d.String(), "schema: ~column public.t.a, -index public.t_a, +index public.t_a1, +table public.v; rows: public.u 1 → 2; contents: public.t"; got != w {
		t.Errorf("String:\n got %q\nwant %q", got, w)
	}
	if !Compare(a, a).Empty() {
		t.Error("a snapshot differs from itself")
	}
	// Only the clock differs: the same definition.
	c, e := NewSnapshot(), NewSnapshot()
	c.Objects["view public.v"] = "SELECT x < ('2026-11-22 04:58:20.871702'::timestamp - '1 mon'::interval)"
	e.Objects["view public.v"] = "SELECT x < ('2026-11-22 04:58:21.868414'::timestamp - '1 mon'::interval)"
	if d := Compare(c, e); !d.Empty() {
		t.Errorf("timestamps frozen at creation count as a change: %s", d)
	}
	e.Objects["view public.v"] = "SELECT x < ('2026-11-22 04:58:21.868414'::timestamp - '2 mon'::interval)"
	if d := Compare(c, e); d.String() != "schema: ~view public.v" {
		t.Errorf("a real change beside a timestamp: %q", d)
	}
	many := Diff{Schema: []string{"+a", "+b", "+c", "+d", "+e", "+f"}}
	if got := many.String(); got != "schema: +a, +b, +c, +d and 2 more" {
		t.Errorf("long diff: %q", got)
	}
}
