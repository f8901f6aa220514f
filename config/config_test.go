package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func TestTemplateLoads(t *testing.T) {
	c, err := Parse(".idemlint.yaml", []byte(Template))
	if err != nil {
		t.Fatalf("the init template must load: %v", err)
	}
	if c.FailOn != "error" {
		t.Errorf("fail-on = %q", c.FailOn)
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".idemlint.yaml")
	src := `version: 1
dialect: postgres
ledgers: [deploy_history]
exclude: ["vendor/**"]
rules:
  bare-insert: off
  destructive-drop: error
overrides:
  - paths: ["db/mysql/**"]
    dialect: mysql
    framework: flyway
    rules:
      bare-insert: warning
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	pg := c.For(filepath.Join(dir, "db", "pg", "1.sql"))
	if pg.Dialect != model.Postgres || pg.Rules.Enabled("bare-insert") || pg.Rules.Severity["destructive-drop"] != rules.Error {
		t.Errorf("postgres file settings wrong: %+v %+v", pg, pg.Rules)
	}
	if len(pg.Rules.Ledgers) != 1 || pg.Rules.Ledgers[0] != "deploy_history" {
		t.Errorf("ledgers = %v", pg.Rules.Ledgers)
	}
	my := c.For(filepath.Join(dir, "db", "mysql", "V1__x.sql"))
	if my.Dialect != model.MySQL || my.Framework != model.Flyway || my.Rules.Severity["bare-insert"] != rules.Warning {
		t.Errorf("mysql override not applied: %+v %+v", my, my.Rules)
	}
	if !c.Excluded(filepath.Join(dir, "vendor", "x", "1.sql")) || c.Excluded(filepath.Join(dir, "db", "1.sql")) {
		t.Error("exclude globs misapplied")
	}
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o755); err != nil {
		t.Fatal(err)
	}
	found, ok := Find(filepath.Join(dir, "db"))
	if !ok || found != path {
		t.Errorf("Find = %q, %v", found, ok)
	}
}

// TestErrors: every mistake names the file, the line and the key.
func TestErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"version: 1\ndialects: postgres\n", "x.yaml:2:1: "},
		{"version: 1\nrules:\n  no-such-rule: error\n", `x.yaml:3:3: unknown rule "no-such-rule"`},
		{"version: 1\nrules:\n  bare-insert: loud\n", `x.yaml:3:16: rule bare-insert: unknown severity "loud"`},
		{"version: 1\ndialect: oracle\n", `x.yaml:2:10: unknown dialect "oracle"`},
		{"version: 1\nfail-on: sometimes\n", `x.yaml:2:10: fail-on must be error, warning or none`},
		{"version: 2\n", `x.yaml:1:10: version 2 is not supported`},
		{"version: 1\nledgers: deploy_history\n", "x.yaml:2:"},
		{"version: 1\noverrides:\n  - dialect: mysql\n", "x.yaml:3:"},
		{"version: [1\n", "x.yaml:"},
	}
	for _, c := range cases {
		_, err := Parse("x.yaml", []byte(c.src))
		if err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q does not contain %q", c.src, err, c.want)
		}
	}
}
