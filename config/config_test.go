package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
// TestTarget: the target decides the dialect where none is written, an
// override's target wins for its paths, and an override that names
// another dialect gets that dialect's default version.
func TestTarget(t *testing.T) {
	src := `version: 1
target: mysql:8.0
overrides:
  - paths: ["pg/**"]
    dialect: postgres
  - paths: ["old/**"]
    target: mysql:5.7
  - paths: ["maria/**"]
    target: mariadb:11.4
`
	c, err := Parse(filepath.Join(t.TempDir(), ".idemlint.yaml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, dialect, target string }{
		{"db/1.sql", "unknown", "mysql:8.0"},
		{"pg/1.sql", "postgres", "unknown"},
		{"old/1.sql", "mysql", "mysql:5.7"},
		{"maria/1.sql", "mariadb", "mariadb:11.4"},
	}
	for _, k := range cases {
		s := c.For(filepath.Join(c.Dir, k.path))
		if s.Dialect.String() != k.dialect || s.Target.String() != k.target {
			t.Errorf("%s: dialect %s target %s, want %s %s", k.path, s.Dialect, s.Target, k.dialect, k.target)
		}
	}
}

// TestLockTimeout: lock-timeout: connection reaches the rules' settings,
// and an override can say otherwise for its paths.
func TestLockTimeout(t *testing.T) {
	c, err := Parse(filepath.Join(t.TempDir(), ".idemlint.yaml"), []byte("version: 1\nlock-timeout: connection\noverrides:\n  - paths: [\"raw/**\"]\n    lock-timeout: file\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.For(filepath.Join(c.Dir, "db/1.sql")).Rules.LockTimeoutSet || c.For(filepath.Join(c.Dir, "raw/1.sql")).Rules.LockTimeoutSet {
		t.Error("lock-timeout not resolved per path")
	}
	if _, err := Parse("x.yaml", []byte("version: 1\nlock-timeout: sometimes\n")); err == nil || !strings.Contains(err.Error(), "x.yaml:2:15: lock-timeout must be file or connection") {
		t.Errorf("error = %v", err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"version: 1\ndialects: postgres\n", "x.yaml:2:1: "},
		{"version: 1\nrules:\n  no-such-rule: error\n", `x.yaml:3:3: unknown rule "no-such-rule"`},
		{"version: 1\nrules:\n  bare-insert: loud\n", `x.yaml:3:16: rule bare-insert: unknown severity "loud"`},
		{"version: 1\ndialect: oracle\n", `x.yaml:2:10: unknown dialect "oracle"`},
		{"version: 1\ntarget: postgres:11\n", `x.yaml:2:9: unsupported target "postgres:11": want postgres:12 ... postgres:18`},
		{"version: 1\ntarget: oracle:19\n", `x.yaml:2:9: unknown target "oracle:19"`},
		{"version: 1\ndialect: mysql\ntarget: postgres:16\n", `x.yaml:3:9: target postgres:16 is not for dialect mysql`},
		{"version: 1\nfail-on: sometimes\n", `x.yaml:2:10: fail-on must be error, warning or none`},
		{"version: 2\n", `x.yaml:1:10: version 2 is not supported`},
		{"version: 1\nledgers: deploy_history\n", "x.yaml:2:"},
		{"version: 1\noverrides:\n  - dialect: mysql\n", "x.yaml:3:"},
		{"version: [1\n", "x.yaml:"},
		// The YAML library panics on this one: an error, not a crash.
		{"exclude: !x 0\n", "x.yaml: the YAML reader failed on this file"},
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

// TestBounds: a file too large or nested too deep is refused before the
// YAML parser builds it, at a place in the file, and quickly.
func TestBounds(t *testing.T) {
	var indented, seqUnderKey strings.Builder
	for i := 0; i < 40; i++ {
		indented.WriteString(strings.Repeat(" ", i) + "a:\n")
		// A sequence at its key's indentation, a mapping in it: two
		// levels for each step of two columns.
		seqUnderKey.WriteString(strings.Repeat(" ", 2*i) + "- a:\n")
	}
	cases := []struct{ name, src, want string }{
		{"size", "version: 1\n# " + strings.Repeat("x", MaxSize) + "\n", "x.yaml:2:262134: the file is larger than 256 KiB"},
		// 100,000 levels, 200 KB: minutes and gigabytes in the parser.
		{"flow", "exclude: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
			"x.yaml:1:72: nested more than 64 levels deep"},
		{"flow maps", "rules: " + strings.Repeat("{a: ", 100) + "\n", "x.yaml:1:"},
		{"block", indented.String(), "x.yaml:33:33: nested more than 64 levels deep"},
		{"compact sequences", "exclude:\n" + strings.Repeat("- ", 100000) + "x\n", "x.yaml:2:65: nested more than 64 levels deep"},
		{"sequence under its key", "a:\n" + seqUnderKey.String(), "x.yaml:33:65: nested more than 64 levels deep"},
		// A quote in the middle of a plain scalar does not start a
		// string: the brackets after it are counted.
		{"quote", "ledgers: it's " + "\nexclude: " + strings.Repeat("[", 1000) + "'\n", "x.yaml:2:"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := Parse("x.yaml", []byte(c.src))
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v", c.name, took)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	// The bounds leave room: 20 levels are a type error, not a bound.
	_, err := Parse("x.yaml", []byte("exclude: "+strings.Repeat("[", 20)+strings.Repeat("]", 20)+"\n"))
	if err == nil || strings.Contains(err.Error(), "levels deep") {
		t.Errorf("20 levels: %v", err)
	}
	// Load reads no more than the bound.
	path := filepath.Join(t.TempDir(), ".idemlint.yaml")
	if err := os.WriteFile(path, []byte("version: 1\n"+strings.Repeat("#\n", MaxSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), path+":131068:2: the file is larger") {
		t.Errorf("Load of a large file: %v", err)
	}
}

// TestOneDocument: a second document is an error where it starts; empty
// documents and an opening --- are fine.
func TestOneDocument(t *testing.T) {
	for _, src := range []string{
		"version: 1\n---\ndialect: mysql\n",
		"version: 1\n...\n---\ndialect: mysql\n",
		"---\nversion: 1\n---\nrules:\n  bare-insert: off\n",
	} {
		_, err := Parse("x.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "a second YAML document") {
			t.Errorf("%q: error %v, want a second-document error", src, err)
		}
	}
	if _, err := Parse("x.yaml", []byte("version: 1\n---\ndialect: mysql\n")); err == nil || !strings.HasPrefix(err.Error(), "x.yaml:2:1: ") {
		t.Errorf("the error is not at the ---: %v", err)
	}
	for _, src := range []string{"---\nversion: 1\ndialect: mysql\n", "# only a comment\n", "", "version: 1\ndialect: mysql\n---\n", "# c\n---\nversion: 1\ndialect: mysql\n"} {
		c, err := Parse("x.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if strings.Contains(src, "mysql") && c.dialect != model.MySQL {
			t.Errorf("%q: dialect %v", src, c.dialect)
		}
	}
}
