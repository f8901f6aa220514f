package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/config"
)

// idemlintEnv runs the binary in dir with extra environment variables.
func idemlintEnv(t testing.TB, dir string, env []string, args ...string) outcome {
	t.Helper()
	return runBinary(t, dir, "", env, args...)
}

// firstLines is the "path:line:col: severity: message [rule]" lines of a
// text report, without messages: "path:line:col rule".
func firstLines(stdout string) []string {
	var out []string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, " ") || !strings.HasSuffix(l, "]") {
			continue
		}
		where, _, _ := strings.Cut(l, ": ")
		rule := l[strings.LastIndex(l, "[")+1 : len(l)-1]
		out = append(out, where+" "+rule)
	}
	return out
}

func TestConfigFile(t *testing.T) {
	dir := tree(t, map[string]string{
		".idemlint.yaml": `version: 1
dialect: postgres
fail-on: warning
exclude: ["db/testdata/**", "db/skip.sql"]
rules:
  unbounded-delete: off
  missing-lock-timeout: off
  create-without-guard: info
overrides:
  - paths: ["db/mysql/**"]
    dialect: mysql
    rules:
      create-without-guard: error
`,
		"db/1.sql":            "CREATE TABLE a (id int);\nDELETE FROM t;\nDROP TABLE IF EXISTS x;\n",
		"db/mysql/2.sql":      "CREATE TABLE `b` (id int) ENGINE=InnoDB;\n",
		"db/testdata/bad.sql": errorSQL,
		"db/skip.sql":         errorSQL,
		"db/sub/.keep":        "",
	})
	// Found from a subdirectory; exclude globs start at the file's
	// directory and hold for walked and named files alike.
	got := idemlint(t, filepath.Join(dir, "db", "sub"), "", "..", "../skip.sql")
	want := []string{"../1.sql:1:1 create-without-guard", "../1.sql:3:1 destructive-drop", "../mysql/2.sql:1:1 create-without-guard"}
	if strings.Join(firstLines(got.stdout), "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s\nstderr: %s", strings.Join(firstLines(got.stdout), "\n"), strings.Join(want, "\n"), got.stderr)
	}
	if !strings.Contains(got.stdout, "../1.sql:1:1: info: ") || !strings.Contains(got.stdout, "../mysql/2.sql:1:1: error: ") {
		t.Errorf("severities from the file and its override not applied:\n%s", got.stdout)
	}
	// The file's fail-on is warning: the destructive-drop warning fails.
	if got.code != 1 {
		t.Errorf("exit %d, want 1 (fail-on: warning from the file)", got.code)
	}
	if v := idemlint(t, dir, "", "-v", "db/skip.sql"); !strings.Contains(v.stderr, "idemlint: db/skip.sql: skipped: excluded by "+filepath.Join(dir, ".idemlint.yaml")+"\n") {
		t.Errorf("-v does not say a named file was excluded:\n%s", v.stderr)
	}
	// Flags win over the file.
	cases := []struct {
		args []string
		want []string
		code int
	}{
		{[]string{"--fail-on", "error", "db/1.sql"}, []string{"db/1.sql:1:1 create-without-guard", "db/1.sql:3:1 destructive-drop"}, 0},
		{[]string{"--enable", "unbounded-delete", "db/1.sql"}, []string{"db/1.sql:2:1 unbounded-delete"}, 1},
		{[]string{"--disable", "destructive-drop", "--fail-on", "warning", "db/1.sql"}, []string{"db/1.sql:1:1 create-without-guard"}, 0},
		// --dialect overrides the override: the MySQL file read as
		// PostgreSQL rejects the backticks.
		{[]string{"--dialect", "postgres", "db/mysql/2.sql"}, []string{"db/mysql/2.sql:1:14 syntax-error"}, 1},
		{[]string{"--no-config", "--dialect", "postgres", "db/skip.sql"}, []string{"db/skip.sql:2:1 create-without-guard"}, 1},
	}
	for _, c := range cases {
		got := idemlint(t, dir, "", c.args...)
		if strings.Join(firstLines(got.stdout), "\n") != strings.Join(c.want, "\n") || got.code != c.code {
			t.Errorf("idemlint %s: exit %d, findings\n%s\nwant exit %d,\n%s\nstderr: %s", strings.Join(c.args, " "), got.code,
				strings.Join(firstLines(got.stdout), "\n"), c.code, strings.Join(c.want, "\n"), got.stderr)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	dir := tree(t, map[string]string{
		"bad/.idemlint.yaml":  "version: 1\nrules:\n  create-without-gaurd: error\n", //nolint:misspell // a typo on purpose
		"bad/a.sql":           cleanSQL,
		"good/.idemlint.yaml": "version: 1\n",
		"good/a.sql":          cleanSQL,
		"other.yaml":          "version: 1\nfail-on: sometimes\n",
		// 100,000 levels in 200 KB: minutes and gigabytes in the YAML
		// parser before the bound.
		"deep.yaml":     "exclude: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
		"two.yaml":      "version: 1\n---\nfail-on: none\n",
		"::x\n::y.yaml": "version: 1\ndialect: oracle\nfail-on: sometimes\n",
	})
	cases := []struct {
		dir  string
		args []string
		msg  string
	}{
		{"bad", []string{"a.sql"}, `idemlint: configuration: ` + filepath.Join(dir, "bad", ".idemlint.yaml") + `:3:3: unknown rule "create-without-gaurd"`}, //nolint:misspell // a typo on purpose
		{"good", []string{"--config", "../other.yaml", "a.sql"}, "idemlint: configuration: ../other.yaml:2:10: fail-on must be error, warning or none"},
		{"good", []string{"--config", "missing.yaml", "a.sql"}, "idemlint: configuration: open missing.yaml: no such file or directory"},
		{"good", []string{"--config", "../other.yaml", "--no-config", "a.sql"}, "idemlint: --config and --no-config: choose one"},
		{"good", []string{"--config", "../deep.yaml", "a.sql"}, "idemlint: configuration: ../deep.yaml:1:72: nested more than 64 levels deep: "},
		{"good", []string{"--config", "../two.yaml", "a.sql"}, "idemlint: configuration: ../two.yaml:2:1: a second YAML document"},
		// Each mistake on a line of its own, the name escaped.
		{"good", []string{"--config", "../::x\n::y.yaml", "a.sql"}, `idemlint: configuration: ../::x\n::y.yaml:2:10: unknown dialect "oracle" (want postgres, mysql or mariadb)` + "\n" +
			`idemlint: configuration: ../::x\n::y.yaml:3:10: fail-on must be error, warning or none, not "sometimes"` + "\n"},
	}
	for _, c := range cases {
		got := idemlint(t, filepath.Join(dir, c.dir), "", c.args...)
		if got.code != 2 || !strings.HasPrefix(got.stderr, c.msg) || got.stdout != "" {
			t.Errorf("idemlint %s in %s: exit %d\nstderr %q\nwant prefix %q", strings.Join(c.args, " "), c.dir, got.code, got.stderr, c.msg)
		}
	}
	// A broken file found by discovery is ignored with --no-config.
	if got := idemlint(t, filepath.Join(dir, "bad"), "", "--no-config", "a.sql"); got.code != 0 {
		t.Errorf("--no-config still read the file: exit %d, %s", got.code, got.stderr)
	}
}

func TestConfigInit(t *testing.T) {
	dir := t.TempDir()
	got := idemlint(t, dir, "", "config", "init")
	if got.code != 0 {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".idemlint.yaml"))
	if err != nil || string(data) != config.Template {
		t.Fatalf("config init wrote %q, %v", data, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".idemlint.yaml"), []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = idemlint(t, dir, "", "config", "init")
	if got.code != 2 || !strings.Contains(got.stderr, ".idemlint.yaml already exists; pass --force to overwrite it") {
		t.Errorf("overwrote without --force: exit %d %s", got.code, got.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".idemlint.yaml")); string(data) != "version: 1\n" {
		t.Error("the existing file changed")
	}
	if got = idemlint(t, dir, "", "config", "init", "--force"); got.code != 0 {
		t.Errorf("--force: exit %d %s", got.code, got.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".idemlint.yaml")); string(data) != config.Template {
		t.Error("--force did not rewrite the file")
	}
	if got = idemlint(t, dir, "", "config", "init", "sub.yml"); got.code != 0 {
		t.Errorf("config init FILE: exit %d %s", got.code, got.stderr)
	}
	// The template lints a project as it stands.
	if err := os.WriteFile(filepath.Join(dir, "a.sql"), []byte(cleanSQL), 0o644); err != nil {
		t.Fatal(err)
	}
	if got = idemlint(t, dir, "", "--config", "sub.yml", "a.sql"); got.code != 0 {
		t.Errorf("linting with the template: exit %d %s", got.code, got.stderr)
	}
	if got = idemlint(t, dir, "", "config"); got.code != 2 {
		t.Errorf("config without init: exit %d", got.code)
	}
}

func TestBaseline(t *testing.T) {
	dir := tree(t, map[string]string{
		".git/HEAD":         "ref: refs/heads/main\n",
		"db/postgres/1.sql": "CREATE TABLE a (id int);\nDELETE FROM t;\n",
		"db/postgres/2.sql": cleanSQL,
	})
	got := idemlint(t, dir, "", "baseline", "write", "db")
	if got.code != 0 || got.stdout != "" || got.stderr != "idemlint: recorded 2 findings in 1 file to .idemlint-baseline.json\n" {
		t.Fatalf("baseline write: exit %d\nstdout %s\nstderr %s", got.code, got.stdout, got.stderr)
	}
	var doc struct {
		Version  int
		Findings []struct{ Rule, Path, Fingerprint string }
	}
	data, err := os.ReadFile(filepath.Join(dir, ".idemlint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Version != 1 || len(doc.Findings) != 2 ||
		doc.Findings[0].Path != "db/postgres/1.sql" || doc.Findings[0].Rule != "create-without-guard" {
		t.Fatalf("baseline file %s (%v)", data, err)
	}

	// Lines move and a new finding appears: only it is reported, from any
	// directory of the repository.
	if err := os.WriteFile(filepath.Join(dir, "db/postgres/1.sql"),
		[]byte("-- note\n\nCREATE TABLE a (id int);\nDELETE FROM t;\nDROP TABLE b;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = idemlint(t, filepath.Join(dir, "db"), "", "--baseline", "../.idemlint-baseline.json", "--disable", "destructive-drop,missing-lock-timeout", ".")
	if strings.Join(firstLines(got.stdout), ",") != "postgres/1.sql:5:1 drop-without-if-exists" || got.code != 1 {
		t.Errorf("with the baseline: exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
	}
	if !strings.HasSuffix(got.stdout, "; 2 hidden by the baseline\n") {
		t.Errorf("the text summary does not count the hidden findings:\n%s", got.stdout)
	}
	if got.stderr != "idemlint: the baseline ../.idemlint-baseline.json hid 2 findings\n" {
		t.Errorf("stderr %q", got.stderr)
	}
	// Saved again by an editor that adds a byte order mark: the same.
	if err := os.WriteFile(filepath.Join(dir, "bom.json"), append([]byte("\xEF\xBB\xBF"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	bom := idemlint(t, filepath.Join(dir, "db"), "", "--baseline", "../bom.json", "--disable", "destructive-drop,missing-lock-timeout", ".")
	if bom.stdout != got.stdout || bom.stderr != "idemlint: the baseline ../bom.json hid 2 findings\n" {
		t.Errorf("baseline with a byte order mark: exit %d\n%s\n%s", bom.code, bom.stdout, bom.stderr)
	}
	got = idemlint(t, dir, "", "--baseline", ".idemlint-baseline.json", "--disable", "missing-lock-timeout", "--format", "json", "db")
	var rep struct {
		Summary struct{ Findings, Baselined int }
	}
	if err := json.Unmarshal([]byte(got.stdout), &rep); err != nil || rep.Summary.Baselined != 2 || rep.Summary.Findings != 2 {
		t.Errorf("JSON summary %+v (%v)", rep.Summary, err)
	}

	// Fixing a recorded finding leaves its entry stale; --fix leaves
	// recorded findings alone.
	if err := os.WriteFile(filepath.Join(dir, "db/postgres/1.sql"), []byte("CREATE TABLE a (id int);\nDELETE FROM t WHERE id = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = idemlint(t, dir, "", "--baseline", ".idemlint-baseline.json", "--fix", "db")
	if got.code != 0 || !strings.Contains(got.stderr, "hid 1 finding; 1 finding it records no longer occur (idemlint baseline write refreshes it)") {
		t.Errorf("stale entry: exit %d\n%s", got.code, got.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "db/postgres/1.sql")); !strings.HasPrefix(string(data), "CREATE TABLE a (id int);") {
		t.Errorf("--fix changed a recorded finding:\n%s", data)
	}

	// Custom output, and bad files.
	got = idemlint(t, dir, "", "baseline", "write", "-o", "b.json", "db/postgres/1.sql")
	if got.code != 0 || !strings.Contains(got.stderr, "recorded 1 finding in 1 file to b.json") {
		t.Errorf("baseline write -o: exit %d %s", got.code, got.stderr)
	}
	files := map[string]string{"v2.json": `{"version": 2, "findings": []}`, "broken.json": "{\n  \"version\": 1,\n  \"findings\": [\n"}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := []struct{ file, msg string }{
		{"v2.json", "idemlint: baseline v2.json: version 2 is not supported (this idemlint reads version 1)"},
		{"broken.json", "idemlint: baseline broken.json: 3:16: unexpected end of JSON input"},
		{"none.json", "idemlint: baseline: open none.json: no such file or directory"},
	}
	for _, b := range bad {
		got := idemlint(t, dir, "", "--baseline", b.file, "db")
		if got.code != 2 || !strings.HasPrefix(got.stderr, b.msg) || got.stdout != "" {
			t.Errorf("--baseline %s: exit %d, stderr %q, want %q", b.file, got.code, got.stderr, b.msg)
		}
	}
	if got := idemlint(t, dir, "", "baseline", "write", "--baseline", "b.json"); got.code != 2 {
		t.Errorf("baseline write --baseline: exit %d", got.code)
	}
	if got := idemlint(t, dir, "", "baseline"); got.code != 2 || !strings.Contains(got.stderr, "usage: idemlint baseline write") {
		t.Errorf("baseline without write: exit %d %s", got.code, got.stderr)
	}
}

// TestBaselineProjectRoot: a baseline names files relative to the project
// root (the git work tree, or outside git the folder of the configuration
// or of the baseline), so it matches from any working directory.
func TestBaselineProjectRoot(t *testing.T) {
	dir := tree(t, map[string]string{
		"proj/.idemlint.yaml":       "dialect: postgres\n",
		"proj/db/1.sql":             "CREATE TABLE a (id int);\n",
		"proj/other/.keep":          "",
		"elsewhere/baseline.json":   `{"version": 1, "findings": [{"rule": "create-without-guard", "path": "x/9.sql", "fingerprint": "00"}]}`,
		"elsewhere/db/1.sql":        "CREATE TABLE a (id int);\n",
		"elsewhere/.idemlint.yaml":  "dialect: postgres\n",
		"elsewhere/db/postgres.sql": "SELECT 1;\n",
	})
	proj := filepath.Join(dir, "proj")
	if got := idemlint(t, proj, "", "baseline", "write", "db"); got.code != 0 {
		t.Fatalf("baseline write: exit %d %s", got.code, got.stderr)
	}
	// From a subfolder, the configuration found above names the root.
	got := idemlint(t, filepath.Join(proj, "db"), "", "--baseline", "../.idemlint-baseline.json", ".")
	if got.code != 0 || got.stderr != "idemlint: the baseline ../.idemlint-baseline.json hid 1 finding\n" {
		t.Errorf("from db/: exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
	}
	// From another folder, without a configuration, the baseline's own
	// folder does.
	got = idemlint(t, filepath.Join(proj, "other"), "", "--no-config", "--dialect", "postgres",
		"--baseline", "../.idemlint-baseline.json", "../db")
	if got.code != 0 || got.stderr != "idemlint: the baseline ../.idemlint-baseline.json hid 1 finding\n" {
		t.Errorf("from other/: exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
	}
	// A baseline none of whose entries names a linted file says so.
	got = idemlint(t, filepath.Join(dir, "elsewhere"), "", "--baseline", "baseline.json", "db")
	want := "idemlint: the baseline baseline.json hid 0 findings\n" +
		"idemlint: the baseline baseline.json records 1 finding, none of them in a linted file; its paths are read relative to " +
		filepath.Join(dir, "elsewhere") + " (the project root: the git work tree of the configuration or baseline file)\n"
	if got.code != 1 || got.stderr != want {
		t.Errorf("unmatched baseline: exit %d\nstderr %q\nwant   %q", got.code, got.stderr, want)
	}
}

// git runs git in dir for a test repository.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNewSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "db/postgres/001.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n")
	write(t, dir, "db/postgres/002.sql", errorSQL)
	write(t, dir, "db/postgres/003.sql", errorSQL)
	write(t, dir, "other/postgres/x.sql", errorSQL)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	git(t, dir, "checkout", "-q", "-b", "feature")
	// main moves on after the branch point: its new file is not ours.
	git(t, dir, "checkout", "-q", "main")
	write(t, dir, "db/postgres/100.sql", errorSQL)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "main moves")
	git(t, dir, "checkout", "-q", "feature")

	write(t, dir, "db/postgres/010.sql", errorSQL) // committed on the branch
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "add 010")
	write(t, dir, "db/postgres/011.sql", errorSQL) // staged
	git(t, dir, "add", "db/postgres/011.sql")
	write(t, dir, "db/postgres/012.sql", errorSQL) // untracked
	write(t, dir, "db/postgres/ignored.sql", errorSQL)
	write(t, dir, ".gitignore", "ignored.sql\n")
	git(t, dir, "mv", "db/postgres/003.sql", "db/postgres/013.sql")                                 // renamed: runs again
	write(t, dir, "db/postgres/001.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id bigint);\n") // edited
	write(t, dir, "other/postgres/new.sql", errorSQL)                                               // not under the path

	got := idemlint(t, dir, "", "--new-since", "main", "db")
	want := []string{"db/postgres/010.sql:2:1 create-without-guard", "db/postgres/011.sql:2:1 create-without-guard",
		"db/postgres/012.sql:2:1 create-without-guard", "db/postgres/013.sql:2:1 create-without-guard"}
	if strings.Join(firstLines(got.stdout), "\n") != strings.Join(want, "\n") || got.code != 1 {
		t.Errorf("--new-since main: exit %d\n%s\nwant\n%s\nstderr %s", got.code, strings.Join(firstLines(got.stdout), "\n"), strings.Join(want, "\n"), got.stderr)
	}
	got = idemlint(t, filepath.Join(dir, "db"), "", "--new-since", "main", "--warn-edited", "postgres/001.sql", "postgres/002.sql", "postgres/012.sql")
	want = []string{"postgres/001.sql:2:1 edited-applied-migration", "postgres/012.sql:2:1 create-without-guard"}
	if strings.Join(firstLines(got.stdout), "\n") != strings.Join(want, "\n") {
		t.Errorf("--warn-edited:\n%s\nwant\n%s\nstderr %s", strings.Join(firstLines(got.stdout), "\n"), strings.Join(want, "\n"), got.stderr)
	}
	if got.stderr != "" {
		t.Errorf("stderr without -v: %q", got.stderr)
	}
	if v := idemlint(t, dir, "", "-v", "--new-since", "main", "--warn-edited", "db"); !strings.Contains(v.stderr, "): of 7 files, 4 added since, 1 edited\n") {
		t.Errorf("-v does not say what --new-since kept:\n%s", v.stderr)
	}
	if !strings.Contains(got.stdout, "postgres/001.sql:2:1: warning: this migration already existed at main and has been edited since") ||
		!strings.Contains(got.stdout, "   2 | CREATE TABLE b (id bigint);\n     | ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n") {
		t.Errorf("edited finding:\n%s", got.stdout)
	}
	// Its severity comes from the configuration like any rule's.
	if got := idemlint(t, dir, "", "--new-since", "main", "--warn-edited", "--disable", "edited-applied-migration", "db/postgres/001.sql"); got.code != 0 || got.stdout != "no findings (1 file checked)\n" {
		t.Errorf("disabled edited-applied-migration: exit %d\n%s", got.code, got.stdout)
	}

	bad := []struct {
		dir  string
		args []string
		msg  string
	}{
		{dir, []string{"--new-since", "nope", "db"}, `idemlint: --new-since: "nope" is not a commit in this repository`},
		{t.TempDir(), []string{"--new-since", "main", "."}, "idemlint: --new-since needs a git work tree: git rev-parse --show-toplevel: fatal: not a git repository"},
		{dir, []string{"--warn-edited", "db"}, "idemlint: --warn-edited needs --new-since REF"},
		{dir, []string{"--new-since", "main", "-"}, "idemlint: --new-since lints files git knows about, not standard input"},
	}
	for _, b := range bad {
		got := idemlint(t, b.dir, "", b.args...)
		if got.code != 2 || !strings.HasPrefix(got.stderr, b.msg) {
			t.Errorf("idemlint %s: exit %d, stderr %q, want prefix %q", strings.Join(b.args, " "), got.code, got.stderr, b.msg)
		}
	}
}

// TestGitHubFormatEndToEnd: an identifier with a line break and workflow
// commands in it reaches the annotation as data, and the job summary gets
// the table.
func TestGitHubFormatEndToEnd(t *testing.T) {
	dir := tree(t, map[string]string{
		".git/HEAD":         "ref: refs/heads/main\n",
		"db/postgres/1.sql": "-- ::error::from a comment\nCREATE TABLE \"x\n::add-mask::secret %0A::warning::y\" (id int);\n",
	})
	summary := filepath.Join(dir, "summary.md")
	got := idemlintEnv(t, filepath.Join(dir, "db"), []string{"GITHUB_STEP_SUMMARY=" + summary}, "--format", "github", "postgres/1.sql")
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	if got.code != 1 || len(lines) != 2 {
		t.Fatalf("exit %d, want one annotation and a closing line:\n%s\n%s", got.code, got.stdout, got.stderr)
	}
	want := "::error file=db/postgres/1.sql,line=2,col=1,endLine=3,endColumn=35,title=create-without-guard%3A "
	if !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], `::table x\n::add-mask::secret %250A::warning::y is created`) {
		t.Errorf("annotation:\n%s\nwant prefix\n%s", lines[0], want)
	}
	if lines[1] != "idemlint: 1 finding in 1 file of 1 checked" {
		t.Errorf("closing line %q", lines[1])
	}
	md, err := os.ReadFile(summary)
	if err != nil || !strings.Contains(string(md), "| error | db/postgres/1.sql\\:2\\:1 | [create-without-guard](") {
		t.Errorf("job summary (%v):\n%s", err, md)
	}
}
