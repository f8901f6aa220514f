package verify

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

type described struct {
	Server
	desc string
}

func (d described) Describe() string { return d.desc }

func TestTargetMismatch(t *testing.T) {
	cases := []struct {
		target, server string
		warn           bool
	}{
		{"postgres:15", "PostgreSQL 15.18", false},
		{"postgres:13", "PostgreSQL 15.18", true},
		{"mysql:8.0.29", "MySQL 8.0.36", false},
		{"mysql:8.4", "MySQL 8.0.36", true},
		{"mariadb:10.11", "MariaDB 10.11.14", false},
		{"mariadb:10.6", "MariaDB 10.11.14", true},
		// Another dialect is DialectMismatch's warning, not this one.
		{"mysql:8.0", "MariaDB 10.11.14", false},
	}
	for _, c := range cases {
		tg, err := model.ParseTarget(c.target)
		if err != nil {
			t.Fatal(err)
		}
		got := TargetMismatch(tg, described{desc: c.server})
		if (got != "") != c.warn || c.warn && !strings.Contains(got, c.server) {
			t.Errorf("%s on %s: %q", c.target, c.server, got)
		}
	}
}
