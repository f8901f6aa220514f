package verify

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSortOrder(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"natural versions", []string{"10_c.up.sql", "2_b.up.sql", "1_a.up.sql", "100_d.up.sql"},
			[]string{"1_a.up.sql", "2_b.up.sql", "10_c.up.sql", "100_d.up.sql"}},
		{"flyway versions by number, repeatables last", []string{"R__views.sql", "V1_10__j.sql", "V1_2__b.sql", "V2__c.sql", "V1__a.sql", "R__a_funcs.sql", "V1.1__x.sql"},
			[]string{"V1__a.sql", "V1.1__x.sql", "V1_2__b.sql", "V1_10__j.sql", "V2__c.sql", "R__a_funcs.sql", "R__views.sql"}},
		{"flyway zero padding", []string{"V07_00_00_010__b.sql", "V07_00_00_002__a.sql", "V7_0_1__c.sql"},
			[]string{"V07_00_00_002__a.sql", "V07_00_00_010__b.sql", "V7_0_1__c.sql"}},
		{"diesel folders", []string{"m/2019-03-03-163336_post/up.sql", "m/00000000000000_setup/up.sql", "m/2019-02-26-002946_user/up.sql"},
			[]string{"m/00000000000000_setup/up.sql", "m/2019-02-26-002946_user/up.sql", "m/2019-03-03-163336_post/up.sql"}},
		{"prisma folders", []string{"p/20240102000000_b/migration.sql", "p/20231231000000_a/migration.sql"},
			[]string{"p/20231231000000_a/migration.sql", "p/20240102000000_b/migration.sql"}},
		{"timestamps", []string{"20160211211220_b.sql", "20160118194630_a.sql"}, []string{"20160118194630_a.sql", "20160211211220_b.sql"}},
	}
	for _, c := range cases {
		got := append([]string(nil), c.in...)
		Sort(got)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %v\nwant %v", c.name, got, c.want)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"a2", "a10", -1}, {"a10", "a2", 1}, {"a", "a", 0}, {"a", "ab", -1},
		{"007", "7", -1}, // same number, stable total order by text
		{"x99999999999999999999999", "x100000000000000000000000", -1},
	} {
		if got := naturalCompare(c.a, c.b); got != c.want {
			t.Errorf("naturalCompare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestCollect(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"migrate/2_b.up.sql", "migrate/2_b.down.sql", "migrate/10_c.up.sql", "migrate/1_a.up.sql", "migrate/notes.txt",
		"migrate/.hidden/9_x.up.sql",
		"flyway/V1__a.sql", "flyway/U1__a.sql", "flyway/R__v.sql",
		"diesel/2020-01-01-000000_b/up.sql", "diesel/2020-01-01-000000_b/down.sql", "diesel/2019-01-01-000000_a/up.sql",
		"sqitch/deploy/users.sql", "sqitch/revert/users.sql", "sqitch/verify/users.sql",
	}
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("SELECT 1;\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"migrate"}, []string{"migrate/1_a.up.sql", "migrate/2_b.up.sql", "migrate/10_c.up.sql"}},
		{[]string{"flyway"}, []string{"flyway/V1__a.sql", "flyway/R__v.sql"}},
		{[]string{"diesel"}, []string{"diesel/2019-01-01-000000_a/up.sql", "diesel/2020-01-01-000000_b/up.sql"}},
		{[]string{"sqitch"}, []string{"sqitch/deploy/users.sql"}},
		// Arguments keep their order; a file named twice runs once.
		{[]string{"flyway/R__v.sql", "migrate", "migrate/1_a.up.sql"}, []string{"flyway/R__v.sql", "migrate/1_a.up.sql", "migrate/2_b.up.sql", "migrate/10_c.up.sql"}},
	} {
		var args []string
		for _, a := range c.args {
			args = append(args, filepath.Join(root, a))
		}
		got, err := Collect(args)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rel(got), c.want) {
			t.Errorf("Collect(%s):\n got %v\nwant %v", strings.Join(c.args, " "), rel(got), c.want)
		}
	}
	if _, err := Collect([]string{filepath.Join(root, "nope")}); err == nil {
		t.Error("Collect of a missing path: no error")
	}
}
