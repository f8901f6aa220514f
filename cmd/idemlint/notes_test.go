package main

import (
	"strings"
	"testing"
)

// TestVerboseNotes: dynamic SQL that does not parse is no finding, and
// --verbose says at which line it was left unread.
func TestVerboseNotes(t *testing.T) {
	dir := tree(t, map[string]string{
		"postgres/0001_x.sql": "DO $$\nBEGIN\n  EXECUTE format('CREATE INDEX ON %I (a) WHERE', 't');\nEND $$;\n",
		"mysql/0001_x.sql":    "SET @s = IF(@n > 0, 'SELECT 1', 'CREATE INDEX ON t(a)');\nPREPARE st FROM @s;\n",
	})
	got := idemlint(t, dir, "", "-v", "postgres/0001_x.sql", "mysql/0001_x.sql")
	for _, want := range []string{
		"idemlint: postgres/0001_x.sql: line 3: dynamic SQL not read: the statement EXECUTE builds does not parse",
		"idemlint: mysql/0001_x.sql: line 1: prepared SQL not read: the string does not parse: syntax error near \"ON t(a)\"",
	} {
		if !strings.Contains(got.stderr, want) {
			t.Errorf("stderr:\n%s\nwant a line starting %q", got.stderr, want)
		}
	}
	if strings.Contains(got.stdout, "syntax-error") {
		t.Errorf("a syntax-error for dynamic SQL:\n%s", got.stdout)
	}
	quiet := idemlint(t, dir, "", "postgres/0001_x.sql")
	if strings.Contains(quiet.stderr, "not read") {
		t.Errorf("notes without --verbose:\n%s", quiet.stderr)
	}
}
