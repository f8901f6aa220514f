package rules_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

var idRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestMetadata: every rule carries the metadata that feeds explain, docs
// and SARIF, and the registry is sorted and unique.
func TestMetadata(t *testing.T) {
	all := rules.All()
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].ID < all[j].ID }) {
		t.Error("registry is not sorted by ID")
	}
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if !idRe.MatchString(r.ID) {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if r.Summary == "" || r.Help == "" || r.Doc == "" {
			t.Errorf("rule %s lacks summary, help or doc", r.ID)
		}
		if r.Severity == rules.SeverityNone || r.Category == "" {
			t.Errorf("rule %s lacks a default severity or category", r.ID)
		}
		if !strings.Contains(r.Doc, "## What it finds") || !strings.Contains(r.Doc, "## How to fix it") {
			t.Errorf("rule %s: doc must have 'What it finds' and 'How to fix it' sections", r.ID)
		}
		if rules.Lookup(r.ID) != r {
			t.Errorf("Lookup(%s) does not return the rule", r.ID)
		}
		if r.Run == nil {
			continue
		}
		bad, good := 0, 0
		for _, ex := range r.Examples {
			if ex.Bad {
				bad++
			} else {
				good++
			}
		}
		if bad == 0 || (good == 0 && r.ID != "unused-suppression") {
			t.Errorf("rule %s needs at least one bad and one good example (has %d bad, %d good)", r.ID, bad, good)
		}
	}
}

// TestExamples executes each rule's documented examples: the bad ones must
// draw the rule, the good ones must not.
func TestExamples(t *testing.T) {
	for _, r := range rules.All() {
		for i, ex := range r.Examples {
			path := ex.Path
			if path == "" {
				path = "migration.sql"
			}
			opt := parser.Options{Dialect: ex.Dialect}
			if ex.Target != "" {
				tg, err := model.ParseTarget(ex.Target)
				if err != nil || tg.Dialect != ex.Dialect {
					t.Fatalf("%s example %d: target %q: %v", r.ID, i, ex.Target, err)
				}
				opt.Target = tg
			}
			s := parser.Parse(path, []byte(ex.SQL), opt)
			fired := false
			for _, f := range rules.Run(s, nil) {
				if f.Rule == r {
					fired = true
				}
			}
			if fired != ex.Bad {
				t.Errorf("%s example %d (%s, bad=%v): rule fired=%v\n%s", r.ID, i, ex.Dialect, ex.Bad, fired, ex.SQL)
			}
		}
	}
}

// TestEngineRecovers: a rule that panics becomes an internal-error
// finding, and the other rules still report.
func TestEngineRecovers(t *testing.T) {
	restore := rules.SetTestRule(&rules.Rule{ID: "zz-panics", Summary: "x", Severity: rules.Error, Category: rules.Meta,
		Run: func(p *rules.Pass) { panic("boom") }})
	defer restore()
	s := parser.Parse("x.sql", []byte("ALTER TABLE t ADD COLUMN c int;\n"), parser.Options{Dialect: model.Postgres})
	var ids []string
	for _, f := range rules.Run(s, nil) {
		ids = append(ids, f.Rule.ID)
	}
	got := strings.Join(ids, " ")
	if !strings.Contains(got, "internal-error") || !strings.Contains(got, "add-column-without-guard") {
		t.Errorf("findings = %q, want internal-error and add-column-without-guard", got)
	}
}

// TestMessages: a guard that names another object says which one it checks
// and which one the statement changes; a section re-run by design says so.
func TestMessages(t *testing.T) {
	cases := []struct {
		path, sql string
		dialect   model.Dialect
		rule      string
		want      []string
	}{
		{"m.sql", "DO $$ BEGIN\n IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'paid_at') THEN\n  ALTER TABLE orders ADD COLUMN paid_at timestamptz;\n END IF;\nEND $$;\n",
			model.Postgres, "add-column-without-guard", []string{"guard checks column invoices.paid_at", "changes column orders.paid_at"}},
		{"R__views.sql", "CREATE VIEW v AS SELECT 1;\n", model.Postgres, "replace-without-or-replace", []string{"Flyway re-runs a repeatable (R__) migration"}},
		{"changelog.sql", "--liquibase formatted sql\n--changeset dev:1 runOnChange:true\nCREATE VIEW v AS SELECT 1;\n", model.Postgres, "replace-without-or-replace", []string{"runOnChange:true"}},
	}
	for _, c := range cases {
		s := parser.Parse(c.path, []byte(c.sql), parser.Options{Dialect: c.dialect})
		found := false
		for _, f := range rules.Run(s, nil) {
			if f.Rule.ID != c.rule {
				continue
			}
			found = true
			for _, w := range c.want {
				if !strings.Contains(f.Message, w) {
					t.Errorf("%s: message %q lacks %q", c.path, f.Message, w)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding", c.path, c.rule)
		}
	}
}

// TestFixCase: a fix follows the case of the SQL it edits.
func TestFixCase(t *testing.T) {
	for src, want := range map[string]string{
		"create table t (id int);\n":   "create table if not exists t (id int);\n",
		"CREATE TABLE t (id int);\n":   "CREATE TABLE IF NOT EXISTS t (id int);\n",
		"create view v as select 1;\n": "create or replace view v as select 1;\n",
	} {
		s := parser.Parse("m.sql", []byte(src), parser.Options{Dialect: model.Postgres})
		for _, f := range rules.Run(s, nil) {
			if f.Fix == nil {
				continue
			}
			out := []byte(src)
			for i := len(f.Fix.Edits) - 1; i >= 0; i-- {
				ed := f.Fix.Edits[i]
				out = append(out[:ed.Start], append([]byte(ed.Text), out[ed.End:]...)...)
			}
			if string(out) != want {
				t.Errorf("fix of %q = %q, want %q", src, out, want)
			}
		}
	}
}

// TestHelpMatchesSectionAndFix: the help names the marker of the section
// the statement is in, and the help and the fix agree on the syntax and
// on the syntax (which the target has: the defaults are used here).
func TestHelpMatchesSectionAndFix(t *testing.T) {
	cases := []struct {
		sql     string
		dialect model.Dialect
		rule    string
		help    []string
		fix     string
	}{
		{"-- migrate:up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n-- migrate:down\nDROP INDEX IF EXISTS i;\n",
			model.Postgres, "concurrently-in-transaction", []string{"-- migrate:up transaction:false"}, ""},
		{"-- migrate:up\nSELECT 1;\n-- migrate:down\nDROP INDEX CONCURRENTLY IF EXISTS i;\n",
			model.Postgres, "concurrently-in-transaction", []string{"-- migrate:down transaction:false"}, ""},
		{"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;\n",
			model.MySQL, "replace-without-or-replace", []string{"CREATE TRIGGER IF NOT EXISTS (MySQL 8.0.29+)", "DROP TRIGGER IF EXISTS trg"},
			"IF NOT EXISTS"},
		{"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;\n",
			model.MariaDB, "replace-without-or-replace", []string{"CREATE OR REPLACE"}, "OR REPLACE"},
		{"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n",
			model.Postgres, "replace-without-or-replace", []string{"CREATE OR REPLACE TRIGGER (PostgreSQL 14+)"}, "OR REPLACE"},
		{"CREATE VIEW v AS SELECT 1;\n", model.MySQL, "replace-without-or-replace", []string{"CREATE OR REPLACE"}, "OR REPLACE"},
		// A framework's own requirement gets its own help.
		{"-- +goose Up\nCREATE TABLE IF NOT EXISTS t (id int)\n-- +goose Down\nDROP TABLE IF EXISTS t;\n",
			model.Postgres, "syntax-error", []string{"semicolon at the end of its last line", "-- +goose StatementBegin"}, ""},
	}
	for _, c := range cases {
		s := parser.Parse("m.sql", []byte(c.sql), parser.Options{Dialect: c.dialect})
		var got *rules.Finding
		for _, f := range rules.Run(s, nil) {
			if f.Rule.ID == c.rule {
				got = &f
			}
		}
		if got == nil {
			t.Errorf("%s %q: no %s finding", c.dialect, c.sql, c.rule)
			continue
		}
		for _, w := range c.help {
			if !strings.Contains(got.Help, w) {
				t.Errorf("%s %q: help %q lacks %q", c.dialect, c.sql, got.Help, w)
			}
		}
		switch {
		case c.fix == "" && got.Fix != nil:
			t.Errorf("%s %q: unexpected fix %q", c.dialect, c.sql, got.Fix.Message)
		case c.fix != "" && (got.Fix == nil || got.Fix.Message != "add "+c.fix):
			t.Errorf("%s %q: fix %+v, want %q", c.dialect, c.sql, got.Fix, "add "+c.fix)
		case c.fix != "" && !strings.Contains(got.Help, c.fix):
			t.Errorf("%s %q: the help %q does not name the fix's %q", c.dialect, c.sql, got.Help, c.fix)
		}
	}
}
