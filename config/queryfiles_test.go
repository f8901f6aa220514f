package config

import (
	"path/filepath"
	"strings"
	"testing"
)

// query-files: lint reads query files like migrations, globally or for
// some paths; skip (the default) leaves them out; other values are errors
// at their place.
func TestQueryFiles(t *testing.T) {
	c, err := Parse("/p/.idemlint.yaml", []byte(`version: 1
overrides:
  - paths: ["db/queries/**"]
    query-files: lint
  - paths: ["db/queries/generated/**"]
    query-files: skip
`))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"/p/db/migrations/1.sql":          false,
		"/p/db/queries/users.sql":         true,
		"/p/db/queries/generated/all.sql": false,
	} {
		if got := c.For(filepath.FromSlash(path)).LintQueryFiles; got != want {
			t.Errorf("%s: LintQueryFiles %v, want %v", path, got, want)
		}
	}

	c, err = Parse("/p/.idemlint.yaml", []byte("version: 1\nquery-files: LINT\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.For("/p/x.sql").LintQueryFiles {
		t.Error("query-files: lint at the top does not apply")
	}

	_, err = Parse("/p/.idemlint.yaml", []byte("version: 1\nrules: {}\nquery-files: yes\n"))
	if err == nil || !strings.Contains(err.Error(), ":3:14: query-files must be skip or lint") {
		t.Errorf("error = %v", err)
	}
}
