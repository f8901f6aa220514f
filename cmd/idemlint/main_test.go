package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/report"
)

// binary is the idemlint built once for the process tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "idemlint-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "idemlint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building idemlint:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type outcome struct {
	stdout, stderr string
	code           int
}

// idemlint runs the binary in dir with the given standard input.
func idemlint(t testing.TB, dir, stdin string, args ...string) outcome {
	t.Helper()
	return runBinary(t, dir, stdin, nil, args...)
}

// runBinary runs the binary in dir with a clean environment (no NO_COLOR
// from the caller, no GitHub variables) plus env.
func runBinary(t testing.TB, dir, stdin string, env []string, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return outcome{out.String(), errb.String(), code}
}

// tree writes files (name -> content) under a new temporary directory.
func tree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	cleanSQL = "CREATE TABLE IF NOT EXISTS orders (id bigint);\n"
	errorSQL = "-- adds the table\nCREATE TABLE orders (id bigint);\n"
	warnSQL  = "DELETE FROM sessions;\n"
)

func TestExitCodes(t *testing.T) {
	dir := tree(t, map[string]string{
		"postgres/clean.sql": cleanSQL,
		"postgres/error.sql": errorSQL,
		"postgres/warn.sql":  warnSQL,
	})
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"postgres/clean.sql"}, 0},
		{[]string{"postgres/error.sql"}, 1},
		{[]string{"postgres/warn.sql"}, 0},
		{[]string{"--fail-on", "warning", "postgres/warn.sql"}, 1},
		{[]string{"--fail-on", "none", "postgres/error.sql"}, 0},
		{[]string{"--disable", "create-without-guard", "postgres/error.sql"}, 0},
		{[]string{"--enable", "unbounded-delete", "postgres/error.sql"}, 0},
		{[]string{"--enable", "create-without-guard", "postgres/error.sql"}, 1},
		{[]string{"postgres/clean.sql", "postgres/missing.sql"}, 2},
	}
	for _, c := range cases {
		if got := idemlint(t, dir, "", c.args...); got.code != c.code {
			t.Errorf("idemlint %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(c.args, " "), got.code, c.code, got.stdout, got.stderr)
		}
	}
}

func TestTextOutput(t *testing.T) {
	dir := tree(t, map[string]string{"postgres/error.sql": errorSQL})
	got := idemlint(t, dir, "", "postgres/error.sql")
	want := "postgres/error.sql:2:1: error: table orders is created without a guard: a second run fails because it already exists [create-without-guard]\n" +
		"   2 | CREATE TABLE orders (id bigint);\n" +
		"     | ^^^^^^^^^^^^^^^^^^^\n" +
		"  help: write CREATE TABLE IF NOT EXISTS\n" +
		"1 finding (1 error) in 1 file of 1 checked; 1 fixable with --fix\n"
	if got.stdout != want || got.stderr != "" || got.code != 1 {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", got.code, got.stdout, want, got.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := tree(t, map[string]string{"a.sql": cleanSQL})
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{}, "no paths to lint"},
		{[]string{"--bogus", "a.sql"}, "unknown flag: --bogus"},
		{[]string{"--enable", "create-without-gaurd", "a.sql"}, `--enable: unknown rule "create-without-gaurd"; did you mean create-without-guard?`}, //nolint:misspell // a typo on purpose
		{[]string{"--disable", "create-without-guard,nope", "a.sql"}, `--disable: unknown rule "nope"`},
		{[]string{"--disable", "internal-error", "a.sql"}, "internal-error cannot be turned off"},
		{[]string{"--format", "xml", "a.sql"}, `--format: unknown format "xml" (want checkstyle, github, gitlab, json, junit, sarif, text)`},
		{[]string{"--dialect", "oracle", "a.sql"}, `--dialect: unknown dialect "oracle"`},
		{[]string{"--fail-on", "info", "a.sql"}, `--fail-on: unknown level "info"`},
		{[]string{"--target", "mysql:9.1", "a.sql"}, `--target: unsupported target "mysql:9.1": want postgres:12 ... postgres:18, mysql:5.7 ... mysql:8.4, mariadb:10.6 ... mariadb:11.8`},
		{[]string{"--target", "postgres:16", "--dialect", "mysql", "a.sql"}, "--target postgres:16 is not a mysql server"},
		{[]string{"--max-file-size", "lots", "a.sql"}, `invalid argument "lots" for "--max-file-size"`},
		{[]string{"--fix", "--diff", "a.sql"}, "--fix and --diff"},
		{[]string{"--fix", "-"}, "--fix cannot write back to standard input"},
		{[]string{"-", "-"}, "given more than once"},
		{[]string{"--stdin-filename", "x.sql", "a.sql"}, "--stdin-filename needs -"},
		{[]string{"explain", "nope"}, `unknown rule "nope"`},
		{[]string{"explain"}, "explain takes one rule ID"},
		{[]string{"rules", "extra"}, "rules takes no arguments"},
	}
	for _, c := range cases {
		got := idemlint(t, dir, "", c.args...)
		if got.code != 2 || !strings.Contains(got.stderr, c.msg) || got.stdout != "" {
			t.Errorf("idemlint %s: exit %d, stderr %q; want exit 2 and %q on stderr, nothing on stdout (stdout %q)",
				strings.Join(c.args, " "), got.code, got.stderr, c.msg, got.stdout)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		got := idemlint(t, t.TempDir(), "", args...)
		if got.code != 0 || !strings.Contains(got.stdout, "Usage:\n  idemlint [flags] PATH...") || !strings.Contains(got.stdout, "--max-file-size SIZE") {
			t.Errorf("idemlint %v: exit %d\n%s", args, got.code, got.stdout)
		}
	}
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	got := idemlint(t, dir, errorSQL, "--stdin-filename", "db/postgres/0001.sql", "-")
	if got.code != 1 || !strings.HasPrefix(got.stdout, "db/postgres/0001.sql:2:1: error: ") {
		t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	// Without a name, the path says where the text came from; the name
	// also decides the dialect (MySQL here, where the table is guarded
	// the same way).
	got = idemlint(t, dir, errorSQL, "-")
	if got.code != 1 || !strings.HasPrefix(got.stdout, "<stdin>:2:1: error: ") {
		t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	got = idemlint(t, dir, cleanSQL, "--dialect", "postgres", "-")
	if got.code != 0 || got.stdout != "no findings (1 file checked)\n" {
		t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
}

func TestInvalidInput(t *testing.T) {
	dir := tree(t, map[string]string{
		"postgres/a_nul.sql":   "SELECT 1;\nSELECT '\x00';\n",
		"postgres/b_utf8.sql":  "-- café\nSELECT 'caf\xe9';\n",
		"postgres/c_big.sql":   "-- " + strings.Repeat("x", 70) + "\nSELECT 1;\n",
		"postgres/d_empty.sql": "",
		"postgres/e_error.sql": errorSQL,
	})
	got := idemlint(t, dir, "", "--max-file-size", "60", "postgres")
	want := []string{
		"postgres/a_nul.sql:2:9: error: the file contains a NUL byte: it looks binary, not SQL text; skipped [invalid-input]",
		"postgres/b_utf8.sql:2:12: error: byte 0xe9 is not valid UTF-8; skipped [invalid-input]",
		"postgres/c_big.sql:1:61: error: the file is larger than --max-file-size (60); skipped [invalid-input]",
		"postgres/e_error.sql:2:1: error: table orders is created without a guard",
		"4 findings (4 errors) in 4 files of 5 checked; 1 fixable with --fix",
	}
	var heads []string
	for _, l := range strings.Split(got.stdout, "\n") {
		if strings.HasPrefix(l, "postgres/") || strings.Contains(l, " checked") {
			heads = append(heads, l)
		}
	}
	if len(heads) != len(want) {
		t.Fatalf("exit %d, got:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
	for i := range want {
		if !strings.HasPrefix(heads[i], want[i]) {
			t.Errorf("line %d:\n got %s\nwant %s", i, heads[i], want[i])
		}
	}
	if got.code != 1 || got.stderr != "" {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
	// The caret sits under the NUL byte, shown escaped.
	if !strings.Contains(got.stdout, "   2 | SELECT '\\x00';\n     |         ^^^^\n") {
		t.Errorf("no caret under the NUL byte:\n%s", got.stdout)
	}
}

func TestMissingPathDoesNotStopTheRun(t *testing.T) {
	dir := tree(t, map[string]string{"postgres/error.sql": errorSQL})
	got := idemlint(t, dir, "", "nope.sql", "postgres/error.sql", "gone")
	if got.code != 2 {
		t.Errorf("exit %d, want 2", got.code)
	}
	if !strings.Contains(got.stderr, "idemlint: nope.sql: no such file or directory\n") ||
		!strings.Contains(got.stderr, "idemlint: gone: no such file or directory\n") {
		t.Errorf("stderr does not name the missing paths:\n%s", got.stderr)
	}
	if !strings.Contains(got.stdout, "postgres/error.sql:2:1: error:") {
		t.Errorf("the readable file was not linted:\n%s", got.stdout)
	}
	if !strings.HasSuffix(got.stdout, "; 2 paths could not be read\n") {
		t.Errorf("the summary does not count the missing paths:\n%s", got.stdout)
	}
	// Alone, a missing path is an error and never "no findings" in green.
	got = idemlint(t, dir, "", "nope.sql")
	if got.code != 2 || got.stdout != "no findings (0 files checked; 1 path could not be read)\n" ||
		got.stderr != "idemlint: nope.sql: no such file or directory\n" {
		t.Errorf("exit %d\nstdout %q\nstderr %q", got.code, got.stdout, got.stderr)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := tree(t, map[string]string{"postgres/locked.sql": errorSQL, "postgres/ok.sql": errorSQL})
	if err := os.Chmod(filepath.Join(dir, "postgres/locked.sql"), 0); err != nil {
		t.Fatal(err)
	}
	got := idemlint(t, dir, "", "postgres")
	if got.code != 2 || !strings.Contains(got.stderr, "postgres/locked.sql: permission denied") || !strings.Contains(got.stdout, "postgres/ok.sql:2:1") {
		t.Errorf("exit %d\n%s\n%s", got.code, got.stdout, got.stderr)
	}
}

func TestOutputFile(t *testing.T) {
	dir := tree(t, map[string]string{"postgres/error.sql": errorSQL})
	got := idemlint(t, dir, "", "--format", "json", "--output", "report.json", "postgres/error.sql")
	if got.code != 1 || got.stdout != "" || got.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version  int
		Findings []struct {
			Rule  string
			Path  string
			Start struct{ Line, Column, Offset int }
		}
		Summary struct{ Files, Findings, Errors int }
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if doc.Version != 1 || len(doc.Findings) != 1 || doc.Summary.Files != 1 || doc.Summary.Errors != 1 {
		t.Fatalf("unexpected report:\n%s", b)
	}
	f := doc.Findings[0]
	if f.Rule != "create-without-guard" || f.Path != "postgres/error.sql" || f.Start.Line != 2 || f.Start.Column != 1 || f.Start.Offset != len("-- adds the table\n") {
		t.Errorf("finding %+v", f)
	}
	// An output file that cannot be created is trouble, not a pass.
	got = idemlint(t, dir, "", "--output", filepath.Join("no", "such", "dir", "r.txt"), "postgres/error.sql")
	if got.code != 2 || !strings.Contains(got.stderr, "no such file or directory") {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
}

func TestSARIFOutput(t *testing.T) {
	dir := tree(t, map[string]string{"db/postgres/error.sql": errorSQL, ".git/HEAD": "ref: refs/heads/main\n"})
	// Run from a subdirectory: URIs stay relative to the repository root.
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := idemlint(t, filepath.Join(dir, "db"), "", "--format", "sarif", "postgres/error.sql")
	if got.code != 1 {
		t.Fatalf("exit %d\n%s", got.code, got.stderr)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if len(run.Results) != 1 {
		t.Fatalf("results: %+v", run.Results)
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "create-without-guard" || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID ||
		loc.ArtifactLocation.URI != "db/postgres/error.sql" || loc.Region.StartLine != 2 || loc.Region.StartColumn != 1 {
		t.Errorf("result %+v", r)
	}
	if len(run.Tool.Driver.Rules) < 20 {
		t.Errorf("the SARIF run lists %d rules; want every enabled rule", len(run.Tool.Driver.Rules))
	}
}

func TestWalk(t *testing.T) {
	dir := tree(t, map[string]string{
		"m/postgres/b.sql":         warnSQL,
		"m/postgres/a.sql":         warnSQL,
		"m/postgres/sub/c.SQL":     warnSQL,
		"m/postgres/notes.txt":     "DELETE FROM x;\n",
		"m/postgres/.hidden/d.sql": warnSQL,
		"m/postgres/.e.sql":        warnSQL,
		"elsewhere/postgres/f.sql": warnSQL,
	})
	// A symlinked directory met during the walk is not followed; a
	// symlinked file is read.
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "m/postgres/link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "elsewhere/postgres/f.sql"), filepath.Join(dir, "m/postgres/g.sql")); err != nil {
		t.Fatal(err)
	}
	got := idemlint(t, dir, "", "--format", "json", "m", "m/postgres/a.sql")
	var doc struct{ Files []struct{ Path string } }
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s\n%s", err, got.stdout, got.stderr)
	}
	var paths []string
	for _, f := range doc.Files {
		paths = append(paths, f.Path)
	}
	want := "m/postgres/a.sql m/postgres/b.sql m/postgres/g.sql m/postgres/sub/c.SQL"
	if strings.Join(paths, " ") != want {
		t.Errorf("files %v, want %s", paths, want)
	}
	// A hidden directory given by name is linted.
	got = idemlint(t, dir, "", "--format", "json", "m/postgres/.hidden")
	if !strings.Contains(got.stdout, `"path": "m/postgres/.hidden/d.sql"`) {
		t.Errorf("hidden directory given by name not linted:\n%s", got.stdout)
	}
}

// TestJobsKeepOrder lints the same tree serially and in parallel and
// expects the same bytes.
func TestJobsKeepOrder(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("postgres/%03d.sql", i)] = strings.Repeat(errorSQL, i%5+1)
	}
	dir := tree(t, files)
	one := idemlint(t, dir, "", "--jobs", "1", "postgres")
	four := idemlint(t, dir, "", "-j", "4", "postgres")
	if one.stdout != four.stdout || one.code != four.code || !strings.Contains(one.stdout, "in 40 files of 40 checked") {
		t.Errorf("--jobs changes the output:\n%s\n---\n%s", one.stdout, four.stdout)
	}
}

func TestDialectNotes(t *testing.T) {
	dir := tree(t, map[string]string{"plain.sql": "SELECT 1;\n", "empty.sql": "", "postgres/x.sql": "SELECT 1;\n",
		"more/a.sql": "SELECT 1;\n", "more/b.sql": "SELECT 2;\n", "more/c.sql": "SELECT 3;\n"})
	got := idemlint(t, dir, "", "plain.sql", "empty.sql", "postgres/x.sql")
	want := "idemlint: dialect not recognised in plain.sql (no path or content hint): linted as postgres; pass --dialect or set dialect in .idemlint.yaml\n"
	if got.stderr != want || got.code != 0 {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", got.code, got.stderr, want)
	}
	// Once per run, with the count, however many files lack a hint.
	got = idemlint(t, dir, "", "more", "plain.sql")
	want = "idemlint: dialect not recognised in 4 files (no path or content hint): linted as postgres; pass --dialect or set dialect in .idemlint.yaml; -v names them\n"
	if got.stderr != want || got.code != 0 {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", got.code, got.stderr, want)
	}
	got = idemlint(t, dir, "", "-v", "more")
	if n := strings.Count(got.stderr, "(no path or content hint"); n != 4 {
		t.Errorf("--verbose names %d files without a hint, want 4:\n%s", n, got.stderr)
	}
	if got := idemlint(t, dir, "", "--dialect", "postgres", "plain.sql"); got.stderr != "" {
		t.Errorf("note despite --dialect: %s", got.stderr)
	}
}

// TestTarget: the target sets the dialect, and what the file may use
// follows its version: MySQL has CREATE TRIGGER IF NOT EXISTS from
// 8.0.29, and a configuration's target applies where no flag says.
func TestTarget(t *testing.T) {
	trigger := "CREATE TRIGGER IF NOT EXISTS orders_ai AFTER INSERT ON orders FOR EACH ROW SET @n = 1;\n"
	dir := tree(t, map[string]string{
		"db/1.sql":       trigger,
		".idemlint.yaml": "version: 1\ntarget: mysql:5.7\n",
	})
	got := idemlint(t, dir, "", "db/1.sql")
	if got.code != 1 || !strings.Contains(got.stdout, "db/1.sql:1:16: error: MySQL 5.7 rejects IF NOT EXISTS on create trigger") {
		t.Errorf("target from the configuration: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	for _, c := range []struct {
		target string
		code   int
	}{{"mysql:8.0", 0}, {"mysql:8.0.28", 1}, {"mysql:8.0.29", 0}, {"mariadb:10.6", 0}} {
		got := idemlint(t, dir, "", "--target", c.target, "db/1.sql")
		if got.code != c.code {
			t.Errorf("--target %s: exit %d, want %d\n%s%s", c.target, got.code, c.code, got.stdout, got.stderr)
		}
	}
	got = idemlint(t, dir, "", "version")
	if !strings.Contains(got.stdout, "default targets: postgres:15, mysql:8.4, mariadb:10.11\ntarget: mysql:5.7 (") {
		t.Errorf("version does not show the targets:\n%s", got.stdout)
	}
}

func TestVerbose(t *testing.T) {
	dir := tree(t, map[string]string{
		"postgres/0001_x.sql": "-- +goose Up\nCREATE TABLE IF NOT EXISTS t (id int);\n-- +goose Down\nDROP TABLE IF EXISTS t;\n",
	})
	got := idemlint(t, dir, "", "-v", "postgres/0001_x.sql")
	want := "idemlint: postgres/0001_x.sql: dialect postgres (directory postgres/); target postgres:15; framework goose; sections: up (lines 1-2, in a transaction), down (lines 3-4, in a transaction)\n"
	if got.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got.stderr, want)
	}
}

func TestFixAndDiff(t *testing.T) {
	orig := "-- keep me\nCREATE TABLE orders (id bigint);\nDELETE FROM sessions;\n"
	dir := tree(t, map[string]string{"postgres/m.sql": orig})
	path := filepath.Join(dir, "postgres/m.sql")

	got := idemlint(t, dir, "", "--diff", "postgres/m.sql")
	wantDiff := "--- a/postgres/m.sql\n+++ b/postgres/m.sql\n@@ -1,3 +1,3 @@\n -- keep me\n-CREATE TABLE orders (id bigint);\n+CREATE TABLE IF NOT EXISTS orders (id bigint);\n DELETE FROM sessions;\n"
	if got.code != 1 || got.stdout != wantDiff {
		t.Errorf("--diff: exit %d\n%s\nwant:\n%s\nstderr: %s", got.code, got.stdout, wantDiff, got.stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != orig {
		t.Errorf("--diff changed the file:\n%s", b)
	}

	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	got = idemlint(t, dir, "", "--fix", "postgres/m.sql")
	// What is left is a warning: exit 0 under the default --fail-on.
	if got.code != 0 || !strings.Contains(got.stdout, "postgres/m.sql:3:1: warning: ") || strings.Contains(got.stdout, "create-without-guard") ||
		got.stderr != "idemlint: fixed 1 finding(s) in 1 file(s)\n" {
		t.Errorf("--fix: exit %d\n%s\nstderr: %s", got.code, got.stdout, got.stderr)
	}
	b, _ := os.ReadFile(path)
	if want := "-- keep me\nCREATE TABLE IF NOT EXISTS orders (id bigint);\nDELETE FROM sessions;\n"; string(b) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", b, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after --fix, want 0640", fi.Mode().Perm())
	}
	// Nothing left to fix: no diff, exit 0.
	if got := idemlint(t, dir, "", "--diff", "postgres/m.sql"); got.code != 0 || got.stdout != "" {
		t.Errorf("second --diff: exit %d\n%s", got.code, got.stdout)
	}
	// Standard input can be diffed.
	got = idemlint(t, dir, orig, "--diff", "--stdin-filename", "postgres/in.sql", "-")
	if got.code != 1 || !strings.HasPrefix(got.stdout, "--- a/postgres/in.sql\n") {
		t.Errorf("--diff on stdin: exit %d\n%s", got.code, got.stdout)
	}
}

func TestSubcommands(t *testing.T) {
	dir := t.TempDir()
	got := idemlint(t, dir, "", "rules")
	if got.code != 0 || !strings.HasPrefix(got.stdout, "RULE ") || !strings.Contains(got.stdout, "\ncreate-without-guard ") {
		t.Errorf("rules: exit %d\n%s", got.code, got.stdout)
	}
	got = idemlint(t, dir, "", "rules", "--json")
	var cat struct {
		Version int
		Rules   []struct {
			ID, Severity, HelpURI string
			Dialects              []string
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &cat); err != nil || cat.Version != 1 || len(cat.Rules) < 20 {
		t.Errorf("rules --json: %v\n%s", err, got.stdout)
	}
	got = idemlint(t, dir, "", "explain", "syntax-error")
	if got.code != 0 || !strings.HasPrefix(got.stdout, "# syntax-error\n\n") {
		t.Errorf("explain: exit %d\n%s", got.code, got.stdout)
	}
	got = idemlint(t, dir, "", "version")
	lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
	if got.code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[0], "idemlint ") || !strings.HasPrefix(lines[1], "go ") ||
		!strings.HasPrefix(lines[2], "pg_query_go v5.") || !strings.Contains(lines[2], "PostgreSQL 16 grammar") {
		t.Errorf("version: exit %d\n%s", got.code, got.stdout)
	}
	if v := idemlint(t, dir, "", "--version"); v.stdout != got.stdout {
		t.Errorf("--version differs from version:\n%s", v.stdout)
	}
}

// BenchmarkSmallFile measures one small file from process start to exit,
// the cost a pre-commit hook adds.
func BenchmarkSmallFile(b *testing.B) {
	dir := tree(b, map[string]string{"postgres/0001_add.up.sql": "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\nCREATE INDEX IF NOT EXISTS orders_note_idx ON orders (note);\n"})
	for i := 0; i < b.N; i++ {
		if got := idemlint(b, dir, "", "postgres/0001_add.up.sql"); got.code != 0 {
			b.Fatalf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
		}
	}
}

// TestColor runs the command in-process, where the terminal test can be
// faked: colour only on a terminal, and never with --no-color or NO_COLOR.
func TestColor(t *testing.T) {
	dir := tree(t, map[string]string{"postgres/error.sql": errorSQL})
	path := filepath.Join(dir, "postgres/error.sql")
	cases := []struct {
		tty     bool
		noColor string
		args    []string
		want    bool
	}{
		{true, "", nil, true},
		{false, "", nil, false},
		{true, "1", nil, false},
		{true, "", []string{"--no-color"}, false},
		{true, "", []string{"--format", "json"}, false},
		{true, "", []string{"--output", filepath.Join(dir, "out.txt")}, false},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, stdoutTTY: c.tty,
			getenv: func(k string) string {
				if k == "NO_COLOR" {
					return c.noColor
				}
				return ""
			}}
		code := run(append(append([]string{}, c.args...), path), e)
		if code != 1 {
			t.Errorf("%+v: exit %d: %s", c, code, errb.String())
		}
		if got := strings.Contains(out.String(), "\x1b["); got != c.want {
			t.Errorf("%+v: colour %v, want %v:\n%q", c, got, c.want, out.String())
		}
	}
}

// TestHostileNamesEveryFormat runs every format on files whose names are
// workflow commands and carry control, bidi and invalid bytes, each with
// a syntax error on a line that is a workflow command once its leading
// blanks are trimmed. The GitHub runner reads both streams line by line
// (a line ends at LF or CR) and obeys a line that starts with "::" after
// Unicode blanks: no such line may come out but the github format's own
// annotations, whose properties must name the real files.
func TestHostileNamesEveryFormat(t *testing.T) {
	names := []string{
		"::stop-commands::pwn.sql",
		"\u00a0::add-mask::x\x1b[31m\u202e\u200b,%0A:.sql",
		"a\n::error::b\r.sql",
		"::warning::\xff.sql",
		"a##[add-mask]b.sql", // the runner's older command form, anywhere in a line
	}
	dir := t.TempDir()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("SELECT 1;\n  ::stop-commands::tok\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file with no dialect hint, for the note that names it.
	plain := "::add-mask::plain.sql"
	if err := os.WriteFile(filepath.Join(dir, plain), []byte("SELECT 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// What the file property of an annotation may name: the file itself,
	// or its escaped name when it is not UTF-8.
	annotated := map[string]bool{}
	for _, n := range names {
		if utf8.ValidString(n) {
			annotated[n] = true
		} else {
			annotated[safetext.Inline(n)] = true
		}
	}
	lines := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	}
	for _, format := range report.Formats() {
		var out, errb bytes.Buffer
		e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
		args := append([]string{"--no-config", "-v", "--format", format, plain}, names...)
		// A missing file, for the error line that names it.
		args = append(args, "::error::missing\n.sql")
		if code := run(args, e); code != exitTrouble {
			t.Errorf("%s: exit %d, want 2 for the missing file", format, code)
		}
		for _, l := range lines(errb.String()) {
			if !strings.HasPrefix(l, "idemlint: ") {
				t.Errorf("%s: stderr line %q does not start with \"idemlint: \"", format, l)
			}
		}
		for _, want := range []string{"idemlint: dialect not recognised in ::add-mask::plain.sql",
			`idemlint: a\n::error::b\r.sql: dialect postgres`,
			`idemlint: ::error::missing\n.sql: no such file or directory`} {
			if !strings.Contains(errb.String(), want) {
				t.Errorf("%s: stderr lacks %q:\n%s", format, want, errb.String())
			}
		}
		annotations := 0
		for _, l := range append(lines(out.String()), lines(errb.String())...) {
			trimmed := strings.TrimLeftFunc(l, unicode.IsSpace)
			if !strings.HasPrefix(trimmed, "::") {
				if strings.Contains(l, "##[") {
					t.Errorf("%s: line %q holds a workflow command", format, l)
				}
				continue
			}
			c, ok := parseAnnotation(l)
			if format != "github" || !ok || !annotated[c.props["file"]] || c.props["line"] != "2" || c.props["col"] != "3" {
				t.Errorf("%s: a line the runner would obey: %q (parsed %+v)", format, l, c)
				continue
			}
			annotations++
		}
		if format == "github" && annotations != len(names) {
			t.Errorf("github: %d annotations on the syntax errors, want %d:\n%s", annotations, len(names), out.String())
		}
		if format == "text" {
			if n := strings.Count(out.String(), "   2 |   ::stop-commands::tok\n     |   ^"); n != len(names) {
				t.Errorf("text: %d excerpts of the syntax errors, want %d:\n%s", n, len(names), out.String())
			}
			if !strings.HasPrefix(out.String(), "./::stop-commands::pwn.sql:2:3: error: ") {
				t.Errorf("text: the finding line does not start with the guarded name:\n%s", out.String())
			}
		}
	}
}

// annotation is a workflow command as the runner parses it.
type annotation struct {
	name  string
	props map[string]string
}

// parseAnnotation reads a line as the runner's ActionCommand.TryParseV2
// does: "::name key=value,...::message", each property value unescaped
// by replacing %0D, %0A, %3A, %2C and %25 in that order. It accepts only
// annotation commands with exactly idemlint's properties.
func parseAnnotation(line string) (annotation, bool) {
	a := annotation{props: map[string]string{}}
	if !strings.HasPrefix(line, "::") {
		return a, false
	}
	info, _, ok := strings.Cut(line[2:], "::")
	if !ok {
		return a, false
	}
	name, props, _ := strings.Cut(info, " ")
	a.name = name
	for _, kv := range strings.Split(props, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return a, false
		}
		for _, r := range [][2]string{{"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}} {
			v = strings.ReplaceAll(v, r[0], r[1])
		}
		a.props[k] = v
	}
	keys := []string{"file", "line", "col", "endLine", "endColumn", "title"}
	if len(a.props) != len(keys) || (name != "error" && name != "warning" && name != "notice") {
		return a, false
	}
	for _, k := range keys {
		if _, ok := a.props[k]; !ok {
			return a, false
		}
	}
	return a, true
}

// A FIFO named on the command line is read as what a writer sends, and
// one with no writer is an empty file: the run never waits in open(2).
func TestFIFOArgumentDoesNotHang(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.sql"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan outcome, 1)
	go func() { done <- idemlint(t, dir, "", "--no-config", "--dialect", "postgres", "pipe.sql") }()
	select {
	case got := <-done:
		if got.code != 0 || !strings.Contains(got.stdout, "no findings") {
			t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("the run waited for a writer on a FIFO")
	}
}

// TestLockTimeoutFromConfiguration: a connection that sets lock_timeout,
// declared in the configuration, quiets missing-lock-timeout there only.
func TestLockTimeoutFromConfiguration(t *testing.T) {
	sql := "ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n"
	dir := tree(t, map[string]string{
		"db/1.sql":       sql,
		"raw/1.sql":      sql,
		".idemlint.yaml": "version: 1\ndialect: postgres\nlock-timeout: connection\noverrides:\n  - paths: [\"raw/**\"]\n    lock-timeout: file\n",
	})
	got := idemlint(t, dir, "", "db/1.sql", "raw/1.sql")
	if strings.Contains(got.stdout, "db/1.sql") || !strings.Contains(got.stdout, "raw/1.sql:1:20: warning: ALTER TABLE takes") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
	}
}

// TestReadSizes reads regular files around the size limit: all of a file
// up to the limit, and one byte past it for a larger one.
func TestReadSizes(t *testing.T) {
	dir := t.TempDir()
	const limit = 100
	for _, size := range []int{0, 1, 99, 100, 101, 5000} {
		p := filepath.Join(dir, fmt.Sprintf("f%d.sql", size))
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := read(input{path: p}, nil, limit)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(size, limit+1); len(got) != want {
			t.Errorf("size %d: read %d bytes, want %d", size, len(got), want)
		}
	}
	if _, err := read(input{path: filepath.Join(dir, "missing.sql")}, nil, limit); err == nil || !strings.Contains(err.Error(), "missing.sql") {
		t.Errorf("missing file: %v", err)
	}
}

// TestLimitProcs: a run with fewer workers than processors gives the
// runtime no more processors than workers, never more than it had, and
// leaves a GOMAXPROCS the environment chose.
func TestLimitProcs(t *testing.T) {
	before := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(before)
	none := func(string) string { return "" }
	limitProcs(1, none)
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("-j 1 of 4 processors: GOMAXPROCS %d, want 1", got)
	}
	runtime.GOMAXPROCS(4)
	limitProcs(8, none)
	if got := runtime.GOMAXPROCS(0); got != 4 {
		t.Errorf("-j 8 of 4 processors: GOMAXPROCS %d, want 4 kept", got)
	}
	limitProcs(2, func(k string) string { return map[string]string{"GOMAXPROCS": "4"}[k] })
	if got := runtime.GOMAXPROCS(0); got != 4 {
		t.Errorf("-j 2 with GOMAXPROCS=4 set: GOMAXPROCS %d, want 4 kept", got)
	}
	limitProcs(2, none)
	if got := runtime.GOMAXPROCS(0); got != 2 {
		t.Errorf("-j 2 of 4 processors: GOMAXPROCS %d, want 2", got)
	}
}
