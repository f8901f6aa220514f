package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/rules"
)

// lockFindings lints args in dir and returns the lock rules' findings as
// "path:line:rule", sorted, with their messages.
func lockFindings(t *testing.T, dir, dialect string, args ...string) ([]string, []string) {
	t.Helper()
	return placedFindings(t, dir, dialect, func(id string) bool {
		r := rules.Lookup(id)
		return r != nil && r.Category == rules.Lock
	}, args...)
}

// placedFindings lints args in dir and returns the findings of the rules
// keep accepts as "path:line:rule", sorted, with their messages.
func placedFindings(t *testing.T, dir, dialect string, keep func(rule string) bool, args ...string) ([]string, []string) {
	t.Helper()
	got := idemlint(t, dir, "", append([]string{"--dialect", dialect, "--format", "json"}, args...)...)
	var doc struct {
		Findings []struct {
			Rule    string `json:"rule"`
			Path    string `json:"path"`
			Message string `json:"message"`
			Start   struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s\n%s", err, got.stdout, got.stderr)
	}
	var found, msgs []string
	for _, f := range doc.Findings {
		if keep(f.Rule) {
			found = append(found, filepath.ToSlash(f.Path)+":"+strconv.Itoa(f.Start.Line)+":"+f.Rule)
			msgs = append(msgs, f.Message)
		}
	}
	slices.Sort(found)
	return found, msgs
}

// TestLocksAcrossFiles: a folder's earlier migrations tell the lock rules
// which tables exist and what their columns' types are. A table an
// earlier migration created is an existing one (reported, and said so),
// even where the later file re-creates it IF NOT EXISTS; a column type
// from an earlier file decides whether a type change rewrites.
func TestLocksAcrossFiles(t *testing.T) {
	files := map[string]string{
		"db/1_orders.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, code varchar(20), note text);\n" +
			"CREATE INDEX orders_code_idx ON orders (code);\n",
		"db/2_more.up.sql": "SET lock_timeout = '5s';\n" +
			"CREATE INDEX IF NOT EXISTS orders_note_idx ON orders (note);\n" +
			"ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);\n" +
			"ALTER TABLE orders ALTER COLUMN code TYPE varchar(10);\n" +
			"DROP INDEX IF EXISTS orders_code_idx;\n",
		"db/3_again.up.sql": "SET lock_timeout = '5s';\n" +
			"CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, code varchar(20), note text);\n" +
			"CREATE INDEX IF NOT EXISTS orders_id_idx ON orders (id);\n" +
			"CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY);\n" +
			"CREATE INDEX IF NOT EXISTS carts_id_idx ON carts (id);\n",
	}
	dir := tree(t, files)
	found, msgs := lockFindings(t, dir, "postgres", "db")
	want := []string{
		"db/2_more.up.sql:2:index-without-concurrently",
		"db/2_more.up.sql:4:table-rewrite",
		"db/2_more.up.sql:5:drop-index-without-concurrently",
		"db/3_again.up.sql:3:index-without-concurrently",
	}
	if !slices.Equal(found, want) {
		t.Errorf("folder: lock findings %q, want %q", found, want)
	}
	for _, m := range msgs {
		if !strings.Contains(m, "created by an earlier migration") {
			t.Errorf("message %q does not say the table comes from an earlier migration", m)
		}
	}

	// Alone, 3_again creates orders itself as far as it can tell, and
	// 2_more cannot know code was a varchar(20): both stay quiet there.
	if found, _ := lockFindings(t, dir, "postgres", "db/3_again.up.sql"); len(found) != 0 {
		t.Errorf("3_again alone: %q, want none", found)
	}
	found, _ = lockFindings(t, dir, "postgres", "db/2_more.up.sql")
	want = []string{
		"db/2_more.up.sql:2:index-without-concurrently",
		"db/2_more.up.sql:5:drop-index-without-concurrently",
	}
	if !slices.Equal(found, want) {
		t.Errorf("2_more alone: %q, want %q", found, want)
	}
}

// TestMySQLCopyAcrossFiles: a column type from an earlier Flyway
// migration tells whether a later MODIFY needs ALGORITHM=COPY; alone,
// the later file cannot know.
func TestMySQLCopyAcrossFiles(t *testing.T) {
	dir := tree(t, map[string]string{
		"sql/V1__items.sql": "CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, code varchar(20), note varchar(40));\n",
		"sql/V2__widen.sql": "ALTER TABLE items MODIFY code varchar(60);\n" +
			"ALTER TABLE items MODIFY note varchar(100);\n",
	})
	found, _ := lockFindings(t, dir, "mysql", "sql")
	if want := []string{"sql/V2__widen.sql:2:mysql-copy-algorithm"}; !slices.Equal(found, want) {
		t.Errorf("folder: %q, want %q", found, want)
	}
	if found, _ := lockFindings(t, dir, "mysql", "sql/V2__widen.sql"); len(found) != 0 {
		t.Errorf("V2 alone: %q, want none", found)
	}
}
