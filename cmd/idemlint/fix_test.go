package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --fix leaves a file the parser did not fully read byte for byte as it
// was, says so on standard error, and counts it; the other files are
// fixed.
func TestFixRefusesFilesTheParserDidNotRead(t *testing.T) {
	const (
		// The name would be a workflow command at the start of a line.
		bad     = "::stop-commands::x.sql"
		badSQL  = "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN ;\n"
		good    = "good.sql"
		goodSQL = "CREATE TABLE t (id int);\n"
	)
	dir := tree(t, map[string]string{bad: badSQL, good: goodSQL})
	got := idemlint(t, dir, "", "--dialect", "postgres", "--fix", bad, good)
	if b, _ := os.ReadFile(filepath.Join(dir, bad)); string(b) != badSQL {
		t.Errorf("the file with a syntax error changed:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, good)); string(b) != "CREATE TABLE IF NOT EXISTS t (id int);\n" {
		t.Errorf("the good file was not fixed:\n%s", b)
	}
	want := "idemlint: ./::stop-commands::x.sql: not fixed: syntax-error finding at line 2\n" +
		"idemlint: fixed 1 finding(s) in 1 file(s); 1 file(s) not fixed\n"
	if got.stderr != want || got.code != 1 {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", got.code, got.stderr, want)
	}
	// --diff shows nothing for it either.
	got = idemlint(t, dir, "", "--dialect", "postgres", "--diff", bad)
	if got.stdout != "" || !strings.Contains(got.stderr, "not fixed: syntax-error finding at line 2") {
		t.Errorf("--diff: %s\nstderr: %s", got.stdout, got.stderr)
	}
}

// The rows of a psql COPY ... FROM stdin are data, however much they look
// like SQL: --fix never edits them.
func TestFixLeavesCopyDataAlone(t *testing.T) {
	const src = "COPY t (a) FROM stdin;\nCREATE TABLE x (a int);\nDROP TABLE y;\n\\.\n"
	dir := tree(t, map[string]string{"postgres/data.sql": src})
	got := idemlint(t, dir, "", "--fix", "postgres/data.sql")
	if b, _ := os.ReadFile(filepath.Join(dir, "postgres/data.sql")); string(b) != src {
		t.Errorf("--fix edited the COPY data:\n%s\nstderr: %s", b, got.stderr)
	}
	if strings.Contains(got.stderr, "fixed 1") || strings.Contains(got.stderr, "fixed 2") {
		t.Errorf("stderr: %s", got.stderr)
	}
}

// A patch printed in a GitHub Actions step whose context lines would be
// workflow commands is fenced with stop-commands and a fresh token.
func TestDiffFencedInGitHubActions(t *testing.T) {
	src := "/*\n::stop-commands::tok\n##[add-mask]x\n*/\nCREATE TABLE t (id int);\n"
	dir := tree(t, map[string]string{"postgres/1.sql": src})
	plain := idemlint(t, dir, "", "--no-config", "--diff", "postgres/1.sql")
	if !strings.Contains(plain.stdout, "\n ::stop-commands::tok\n") || strings.HasPrefix(plain.stdout, "::stop-commands::") {
		t.Fatalf("outside GitHub Actions, want the plain patch with the comment as context:\n%s", plain.stdout)
	}
	got := runBinary(t, dir, "", []string{"GITHUB_ACTIONS=true"}, "--no-config", "--diff", "postgres/1.sql")
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	if got.code != exitFindings || len(lines) < 3 {
		t.Fatalf("exit %d:\n%s%s", got.code, got.stdout, got.stderr)
	}
	token, ok := strings.CutPrefix(lines[0], "::stop-commands::")
	if !ok || len(token) != 32 || token == "tok" {
		t.Fatalf("first line %q does not stop commands with a fresh token", lines[0])
	}
	if last := lines[len(lines)-1]; last != "::"+token+"::" {
		t.Fatalf("last line %q does not resume commands", last)
	}
	if inner := strings.Join(lines[1:len(lines)-1], "\n") + "\n"; inner != plain.stdout {
		t.Fatalf("the patch changed inside the fence:\n%s\nwant:\n%s", inner, plain.stdout)
	}
	other := runBinary(t, dir, "", []string{"GITHUB_ACTIONS=true"}, "--no-config", "--diff", "postgres/1.sql")
	if strings.HasPrefix(other.stdout, lines[0]+"\n") {
		t.Error("two runs used the same token")
	}
}

// --fix writes a statement rewrite where no keyword guards the statement
// (a DO block around CREATE TYPE), leaves the rest of the file as it
// was, and counts what is left without a fix.
func TestFixRewritesAndCountsTheRest(t *testing.T) {
	const src = "-- types\ncreate type mood as enum ('a');\nupdate counters set n = n + 1 where id = 1;\n"
	dir := tree(t, map[string]string{"postgres/1.sql": src})
	got := idemlint(t, dir, "", "--no-config", "--fix", "postgres/1.sql")
	b, _ := os.ReadFile(filepath.Join(dir, "postgres/1.sql"))
	fixed := string(b)
	if !strings.HasPrefix(fixed, "-- types\ndo $") || strings.Count(fixed, "create type mood as enum ('a');") != 1 ||
		!strings.HasSuffix(fixed, "\nupdate counters set n = n + 1 where id = 1;\n") {
		t.Errorf("fixed file:\n%s", fixed)
	}
	want := "idemlint: fixed 1 finding(s) in 1 file(s); 1 re-run finding(s) have no automatic fix (listed above)\n"
	if got.stderr != want || !strings.Contains(got.stdout, "[non-convergent-update]") || strings.Contains(got.stdout, "create-without-guard") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant stderr:\n%s", got.code, got.stdout, got.stderr, want)
	}
}

// One IF EXISTS guards every name of a DROP: each name's finding carries
// the same edit, written once.
func TestFixDropOfSeveralNames(t *testing.T) {
	dir := tree(t, map[string]string{"postgres/down.sql": "DROP VIEW a, b;\n"})
	got := idemlint(t, dir, "", "--no-config", "--fix", "--disable", "destructive-drop", "postgres/down.sql")
	if b, _ := os.ReadFile(filepath.Join(dir, "postgres/down.sql")); string(b) != "DROP VIEW IF EXISTS a, b;\n" || got.stderr != "idemlint: fixed 2 finding(s) in 1 file(s)\n" {
		t.Errorf("fixed file %q, stderr:\n%s", b, got.stderr)
	}
}
