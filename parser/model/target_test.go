package model

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"postgres:12", "postgres:12", ""},
		{"pg:18", "postgres:18", ""},
		{"postgres:15.4", "postgres:15.4", ""},
		{"postgres", "postgres:15", ""},
		{"mysql:8.0", "mysql:8.0", ""},
		{"MySQL:8.0.29", "mysql:8.0.29", ""},
		{"mariadb:11.8", "mariadb:11.8", ""},
		{"postgres:11", "", "unsupported target"},
		{"mysql:8.1", "", "unsupported target"},
		{"mysql:8.x", "", "unknown target"},
		{"mysql:8.0.1.2", "", "unknown target"},
		{"oracle:19", "", "unknown target"},
		{"mariadb:", "", "unknown target"},
	}
	for _, c := range cases {
		got, err := ParseTarget(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want %q", c.in, err, c.err)
		case c.err == "" && (err != nil || got.String() != c.want):
			t.Errorf("%q: %v %v, want %s", c.in, got, err, c.want)
		}
	}
}

// TestFeatures: a series without a patch level is its latest release, so
// mysql:8.0 has what 8.0.29 brought and mysql:8.0.28 does not.
func TestFeatures(t *testing.T) {
	cases := []struct {
		target string
		f      Feature
		has    bool
	}{
		{"postgres:13", CreateOrReplaceTrigger, false},
		{"postgres:14", CreateOrReplaceTrigger, true},
		{"postgres:14", NullsNotDistinct, false},
		{"postgres:15", Merge, true},
		{"mysql:5.7", RoutineIfNotExists, false},
		{"mysql:5.7", RenameColumn, false},
		{"mysql:8.0.28", RoutineIfNotExists, false},
		{"mysql:8.0", RoutineIfNotExists, true},
		{"mysql:8.4", DDLIfExists, false},
		{"mariadb:10.6", DDLIfExists, true},
		{"mysql:8.0.18", DropConstraint, false},
		{"mysql:8.0.19", DropConstraint, true},
	}
	for _, c := range cases {
		tg, err := ParseTarget(c.target)
		if err != nil {
			t.Fatal(err)
		}
		if tg.Has(c.f) != c.has {
			t.Errorf("%s has feature %d = %v, want %v", c.target, c.f, !c.has, c.has)
		}
	}
}
