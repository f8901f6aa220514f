package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const queryFileSQL = "-- name: CountVisit :exec\nUPDATE users SET visits = visits + 1 WHERE id = $1;\n"

// Query files are skipped by default: silent, exit 0, skipped in the JSON
// with the reason, and named under --verbose; the configuration's
// query-files: lint lints them.
func TestQueryFilesSkipped(t *testing.T) {
	dir := tree(t, map[string]string{
		"db/postgres/queries/users.sql":   queryFileSQL,
		"db/postgres/migrations/0001.sql": "UPDATE users SET visits = visits + 1 WHERE id > 0;\n",
	})
	got := idemlint(t, dir, "", "--no-config", "-v", "db/postgres/queries/users.sql")
	want := "idemlint: db/postgres/queries/users.sql: skipped: a query file (sqlc, yesql, HugSQL and the like: a query named at line 1 before any statement), not a migration; set query-files: lint in the configuration to lint it\n"
	if got.code != 0 || got.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", got.code, got.stderr, want)
	}
	if got := idemlint(t, dir, "", "--no-config", "db/postgres/queries/users.sql"); got.stderr != "" || got.code != 0 {
		t.Errorf("without -v: exit %d, stderr %q", got.code, got.stderr)
	}

	got = idemlint(t, dir, "", "--no-config", "--format", "json", "db/postgres")
	var doc struct {
		Files []struct {
			Path       string `json:"path"`
			Skipped    bool   `json:"skipped"`
			SkipReason string `json:"skip_reason"`
		} `json:"files"`
		Findings []struct {
			Path string `json:"path"`
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, got.stdout)
	}
	if len(doc.Files) != 2 || doc.Files[0].Skipped || !doc.Files[1].Skipped || !strings.HasPrefix(doc.Files[1].SkipReason, "a query file") {
		t.Errorf("files: %+v", doc.Files)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Path != "db/postgres/migrations/0001.sql" || doc.Findings[0].Rule != "non-convergent-update" {
		t.Errorf("findings: %+v", doc.Findings)
	}

	dir = tree(t, map[string]string{
		".idemlint.yaml":                "version: 1\noverrides:\n  - paths: [\"db/postgres/queries/**\"]\n    query-files: lint\n",
		"db/postgres/queries/users.sql": queryFileSQL,
	})
	got = idemlint(t, dir, "", "db/postgres/queries/users.sql")
	if got.code != 1 || !strings.Contains(got.stdout, "[non-convergent-update]") {
		t.Errorf("query-files: lint: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
}
