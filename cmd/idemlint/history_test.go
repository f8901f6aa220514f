package main

import (
	"slices"
	"strings"
	"testing"
)

// TestHistoryAcrossFiles: a folder's migrations, in their framework's
// order, tell which unique keys a table has when a later file inserts
// into it. Files are named so that lexical order is not framework order.
func TestHistoryAcrossFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // path:line:rule
	}{{
		name: "postgres serial key from an earlier file",
		files: map[string]string{
			"db/2_seed.up.sql":  "-- seed\nINSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n",
			"db/10_key.up.sql":  "CREATE UNIQUE INDEX IF NOT EXISTS roles_name ON roles (name);\n",
			"db/11_seed.up.sql": "INSERT INTO roles (name) VALUES ('owner') ON CONFLICT (name) DO NOTHING;\n",
			"db/1_roles.up.sql": "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);\n",
			// The rollback is not part of the history: 11_seed keeps its key.
			"db/10_key.down.sql": "DROP INDEX IF EXISTS roles_name;\n",
		},
		want: []string{"db/2_seed.up.sql:2:bare-insert"},
	}, {
		name: "mysql: Flyway versions compare as numbers",
		files: map[string]string{
			"sql/V1_10__seed.sql": "INSERT IGNORE INTO roles (name) VALUES ('admin');\n",
			"sql/V1_2__roles.sql": "CREATE TABLE IF NOT EXISTS roles (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50));\n",
		},
		want: []string{"sql/V1_10__seed.sql:1:bare-insert"},
	}, {
		name: "one folder per migration",
		files: map[string]string{
			"migrations/2024-01-02-000000_seed/up.sql":  "INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n",
			"migrations/2024-01-01-000000_roles/up.sql": "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);\n",
		},
		want: []string{"migrations/2024-01-02-000000_seed/up.sql:1:bare-insert"},
	}, {
		name: "a later file does not count",
		files: map[string]string{
			"db/1_seed.up.sql":  "INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;\n",
			"db/2_roles.up.sql": "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);\n",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, tc.files)
			dialect := "postgres"
			if strings.Contains(tc.name, "mysql") {
				dialect = "mysql"
			}
			// One worker must get the same verdicts: a file linted again
			// waits for the worker's slot.
			for _, jobs := range []string{"1", "2"} {
				found, _ := placedFindings(t, dir, dialect, func(id string) bool { return id == "bare-insert" }, "-j", jobs, ".")
				if !slices.Equal(found, tc.want) {
					t.Errorf("-j %s: bare-insert findings %q, want %q", jobs, found, tc.want)
				}
			}
		})
	}
}
