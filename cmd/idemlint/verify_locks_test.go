package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestVerifyLocks: verify --locks puts each statement's observed locks
// and rewrites in the JSON report, on relations that existed before the
// migration only, and lists the statements that block writes after the
// text report.
func TestVerifyLocks(t *testing.T) {
	dir := tree(t, map[string]string{
		"db/1_orders.up.sql": "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, total int);\nINSERT INTO orders VALUES (1, 2) ON CONFLICT DO NOTHING;\n",
		"db/2_lock.up.sql": "CREATE INDEX IF NOT EXISTS orders_total_idx ON orders (total);\n" +
			"ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n" +
			"CREATE TABLE IF NOT EXISTS carts (id int);\n" +
			"CREATE INDEX IF NOT EXISTS carts_id_idx ON carts (id);\n",
	})
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "--locks", "-f", "json", "db")
	skipWithoutServer(t, out)
	if out.code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", out.code, out.stderr)
	}
	var doc struct {
		Statements []struct {
			Path      string `json:"path"`
			Line      int    `json:"line"`
			Statement string `json:"statement"`
			Locks     []struct {
				Relation string `json:"relation"`
				Mode     string `json:"mode"`
			} `json:"locks"`
			Rewrites []string `json:"rewrites"`
		} `json:"statements"`
	}
	if err := json.Unmarshal([]byte(out.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out.stdout)
	}
	got := map[string]string{}
	for _, s := range doc.Statements {
		if !strings.HasSuffix(s.Path, "2_lock.up.sql") {
			continue
		}
		var parts []string
		for _, l := range s.Locks {
			if l.Relation == "public.orders" {
				parts = append(parts, l.Mode)
			}
		}
		got[itoa(s.Line)] = strings.Join(parts, ",") + "|" + strings.Join(s.Rewrites, ",")
	}
	want := map[string]string{
		"1": "ShareLock|",
		"2": "AccessExclusiveLock|public.orders",
		"3": "|",
		"4": "|", // carts did not exist before the migration
	}
	for line, w := range want {
		if got[line] != w {
			t.Errorf("2_lock.up.sql:%s: %q, want %q (all: %v)", line, got[line], w, got)
		}
	}

	text := idemlint(t, dir, "", "verify", "--dialect", "postgres", "--locks", "db")
	// The type change also rebuilds the primary key's index, which it
	// locks as well.
	if !strings.Contains(text.stdout, "2_lock.up.sql:1: CREATE INDEX: ShareLock on public.orders\n") ||
		!strings.Contains(text.stdout, "2_lock.up.sql:2: ALTER TABLE: AccessExclusiveLock on public.orders;") ||
		!strings.Contains(text.stdout, "; rewrites public.orders\n") ||
		strings.Contains(text.stdout, "2_lock.up.sql:4:") {
		t.Errorf("text report:\n%s", text.stdout)
	}
}
