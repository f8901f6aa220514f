package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const verifyFixtures = "../../testdata/verify"

// skipWithoutServer skips a test whose verify run found no server, unless
// CI asked for servers to be required.
func skipWithoutServer(t *testing.T, out outcome) {
	t.Helper()
	if strings.Contains(out.stderr, "server found") && os.Getenv("IDEMLINT_VERIFY_REQUIRE_SERVERS") == "" {
		t.Skipf("skipping: %s", strings.TrimSpace(out.stderr))
	}
}

func TestVerifyUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify", "x"}, 2, "verify needs --dialect"},
		{[]string{"verify", "--dialect", "oracle", "x"}, 2, `unknown dialect "oracle"`},
		{[]string{"verify", "--dialect", "postgres"}, 2, "no migrations to verify"},
		{[]string{"verify", "--dialect", "postgres", "--timeout", "0s", "x"}, 2, "--timeout"},
		{[]string{"verify", "--dialect", "postgres", "--format", "xml", "x"}, 2, "unknown format"},
		{[]string{"verify", "--dialect", "postgres", "missing-dir"}, 2, "missing-dir"},
		{[]string{"verify", "--dialect", "postgres", "--allow-unsafe", "--dsn", "host=/nowhere", "x"}, 2, "--allow-unsafe works only on verify's own throwaway server"},
		{[]string{"verify", "--help"}, 0, "Usage:\n  idemlint verify --dialect DIALECT"},
	} {
		out := idemlint(t, dir, "", c.args...)
		if out.code != c.code || !strings.Contains(out.stdout+out.stderr, c.want) {
			t.Errorf("%v: exit %d, output %q; want exit %d with %q", c.args, out.code, out.stdout+out.stderr, c.code, c.want)
		}
	}
}

// TestVerifyReport runs the command on a fixture folder: findings in the
// lint formats with the verify rule IDs on the right lines, the verdict
// table, progress on standard error, exit 1.
func TestVerifyReport(t *testing.T) {
	dir := t.TempDir()
	fixture, err := filepath.Abs(filepath.Join(verifyFixtures, "postgres", "basic"))
	if err != nil {
		t.Fatal(err)
	}
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "-f", "json", "--verdicts", "v.tsv", fixture)
	skipWithoutServer(t, out)
	if out.code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", out.code, out.stderr)
	}
	var doc struct {
		Files []struct {
			Path string `json:"path"`
		} `json:"files"`
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Category string `json:"category"`
			Path     string `json:"path"`
			Start    struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out.stdout)
	}
	if len(doc.Files) != 9 {
		t.Errorf("%d files in the report, want 9", len(doc.Files))
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, filepath.Base(f.Path)+":"+itoa(f.Start.Line)+" "+f.Rule+" "+f.Severity+" "+f.Category)
	}
	want := []string{
		"1_create_users.up.sql:2 rerun-error error verify",
		"2_add_column.up.sql:1 rerun-error error verify",
		"5_seed_without_key.up.sql:2 rerun-diverges error verify",
		"6_unnamed_unique.up.sql:2 rerun-diverges error verify",
		"7_counter.up.sql:3 rerun-diverges error verify",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{"verify: file 1 of 9: ", "verify: file 9 of 9: ", "10_backfill.up.sql: rerun-safe (the first run changed nothing visible)",
		"verify: 4 rerun-safe, 2 rerun-error, 3 rerun-diverges on PostgreSQL"} {
		if !strings.Contains(out.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, out.stderr)
		}
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "v.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(tsv)), "\n")
	if len(lines) != 10 || lines[0] != "file\tverdict\tdetail\tdiff_kinds" ||
		!strings.HasSuffix(lines[6], "6_unnamed_unique.up.sql\trerun-diverges\tschema: +constraint public.users.users_email_key1, +index public.users_email_key1\tschema") {
		t.Errorf("verdicts file:\n%s", tsv)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestVerifyInterrupt: Ctrl-C during a run stops it, stops the server and
// removes its folder.
func TestVerifyInterrupt(t *testing.T) {
	dir := t.TempDir()
	// Not t.TempDir: its parent is private, and the server's account must
	// reach this folder.
	tmp, err := os.MkdirTemp("", "idemlint-interrupt-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "1_slow.sql"), []byte("SELECT pg_sleep(60);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startSlowVerify(t, dir, tmp)
	time.Sleep(500 * time.Millisecond) // into the statement
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Errorf("exit: %v, want status 2", err)
	}
	if el := time.Since(start); el > 20*time.Second {
		t.Errorf("took %s to stop", el)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
	}
	left, _ := os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}

// startSlowVerify starts verify on dir's 1_slow.sql with TMPDIR=tmp and
// returns once the migration runs; without a server it skips the test.
func startSlowVerify(t *testing.T, dir, tmp string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(binary, "verify", "--dialect", "postgres", "1_slow.sql")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + tmp}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(stderr.String(), "idemlint: verify: 1 files on") {
		// A line other than verify's progress says why the run did not start.
		if time.Now().After(deadline) || strings.Contains(strings.ReplaceAll(stderr.String(), "idemlint: verify:", ""), "idemlint:") {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			skipWithoutServer(t, outcome{stderr: stderr.String()})
			t.Fatalf("the run did not start:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return cmd, stderr
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// TestVerifyRefuses: migrations that reach outside the scratch database
// are refused before any server starts, each statement named on its line
// on a line of its own that starts with "idemlint: ", with exit 2; on
// --dsn the server-wide ones are refused too and there is no way round.
func TestVerifyRefuses(t *testing.T) {
	dir := tree(t, map[string]string{
		"1_a.up.sql":             "CREATE TABLE t (id int);\nCOPY t FROM PROGRAM 'id';\n",
		"2_b.up.sql":             "DROP DATABASE IF EXISTS prod WITH (FORCE);\nCREATE ROLE app;\n",
		"::stop-commands::x.sql": "ALTER SYSTEM SET work_mem = '1MB';\n",
	})
	start := time.Now()
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "1_a.up.sql", "2_b.up.sql", "::stop-commands::x.sql")
	if out.code != 2 {
		t.Fatalf("exit %d, want 2; stderr:\n%s", out.code, out.stderr)
	}
	for _, w := range []string{
		"idemlint: verify refuses to run these migrations: 3 statements reach outside the scratch database (see docs/security.md):\n",
		"idemlint: 1_a.up.sql:2: COPY ... FROM PROGRAM runs a shell command on the server's machine\n",
		"idemlint: 2_b.up.sql:1: DROP DATABASE acts on a database of the server, not inside the scratch database\n",
		"idemlint: ./::stop-commands::x.sql:1: ALTER SYSTEM changes the server's configuration\n",
		"--allow-unsafe runs them on verify's own throwaway server",
	} {
		if !strings.Contains(out.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, out.stderr)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(out.stderr), "\n") {
		if !strings.HasPrefix(l, "idemlint: ") {
			t.Errorf("line %q does not start with idemlint: ", l)
		}
	}
	if strings.Contains(out.stderr, "verify: ") || time.Since(start) > 10*time.Second {
		t.Errorf("a server started (%s):\n%s", time.Since(start), out.stderr)
	}
	// On --dsn, CREATE ROLE is refused too, before connecting.
	out = idemlint(t, dir, "", "verify", "--dialect", "postgres", "--dsn", "host=/nowhere dbname=x", "2_b.up.sql")
	if out.code != 2 || !strings.Contains(out.stderr, "2_b.up.sql:2: CREATE ROLE changes a role") || strings.Contains(out.stderr, "--allow-unsafe") {
		t.Errorf("--dsn: exit %d:\n%s", out.code, out.stderr)
	}
}

// TestVerifyAllowUnsafe: --allow-unsafe runs refused statements on the
// throwaway server, as its superuser, after a loud warning.
func TestVerifyAllowUnsafe(t *testing.T) {
	dir := tree(t, map[string]string{"1_a.up.sql": "ALTER SYSTEM SET work_mem = '8MB';\n"})
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "--allow-unsafe", "1_a.up.sql")
	skipWithoutServer(t, out)
	if out.code != 0 || !strings.Contains(out.stderr, "idemlint: WARNING: --allow-unsafe: the migrations run as the throwaway server's superuser") ||
		!strings.Contains(out.stderr, "idemlint: WARNING: 1_a.up.sql:1: ALTER SYSTEM") || !strings.Contains(out.stderr, "1 rerun-safe") {
		t.Errorf("exit %d:\n%s", out.code, out.stderr)
	}
}

// TestVerifyFirstRunErrorFails: a migration that fails on its first run
// was not verified: an error, exit 1.
func TestVerifyFirstRunErrorFails(t *testing.T) {
	dir := tree(t, map[string]string{"1_a.up.sql": "SELECT 1;\nINSERT INTO missing VALUES (1);\n"})
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "-f", "text", "1_a.up.sql")
	skipWithoutServer(t, out)
	if out.code != 1 || !strings.Contains(out.stdout, "1_a.up.sql:2:1: error: the first run on PostgreSQL") ||
		!strings.HasSuffix(strings.TrimSpace(strings.Split(out.stdout, "\n")[0]), "[first-run-error]") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", out.code, out.stdout, out.stderr)
	}
	// Only --fail-on none lets it pass.
	out = idemlint(t, dir, "", "verify", "--dialect", "postgres", "-f", "text", "--fail-on", "none", "1_a.up.sql")
	if out.code != 0 || !strings.Contains(out.stdout, "[first-run-error]") {
		t.Errorf("--fail-on none: exit %d, stdout:\n%s", out.code, out.stdout)
	}
}

// TestVerifyAnnotations: on GitHub, the annotations of rerun-error and
// rerun-diverges land on the statement the reviewer must look at, not on
// the file's first line.
func TestVerifyAnnotations(t *testing.T) {
	dir := tree(t, map[string]string{
		"1_seed.up.sql":  "-- seed\nCREATE TABLE IF NOT EXISTS audit (msg text);\nSELECT 1;\nINSERT INTO audit (msg) VALUES ('x');\n",
		"2_alter.up.sql": "CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t\n  ADD COLUMN c int;\n",
	})
	out := idemlint(t, dir, "", "verify", "--dialect", "postgres", "-f", "github", "-q", ".")
	skipWithoutServer(t, out)
	var got []string
	for _, l := range strings.Split(out.stdout, "\n") {
		if strings.HasPrefix(l, "::error ") {
			head, _, _ := strings.Cut(l, ",col=")
			got = append(got, head)
		}
	}
	want := []string{"::error file=1_seed.up.sql,line=4", "::error file=2_alter.up.sql,line=2"}
	if out.code != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, annotations:\n%s\nwant:\n%s\nstdout:\n%s", out.code, strings.Join(got, "\n"), strings.Join(want, "\n"), out.stdout)
	}
}

// TestVerifyMySQLOnMariaDB: --dialect mysql on a machine with MariaDB and
// no MySQL says so before the run and with the summary, naming what goes
// unchecked: ADD COLUMN IF NOT EXISTS passes here, MySQL 8 refuses it.
func TestVerifyMySQLOnMariaDB(t *testing.T) {
	dir := tree(t, map[string]string{"V1__t.sql": "CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n"})
	out := idemlint(t, dir, "", "verify", "--dialect", "mysql", "-f", "text", ".")
	skipWithoutServer(t, out)
	if strings.Contains(out.stderr, " on MySQL ") {
		t.Skip("a MySQL server is installed here: nothing to warn about")
	}
	for _, w := range []string{
		"idemlint: warning: --dialect mysql, but the server is MariaDB",
		"ADD COLUMN IF NOT EXISTS",
		"idemlint: warning: these verdicts come from MariaDB",
	} {
		if !strings.Contains(out.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, out.stderr)
		}
	}
	// The summary warning comes after the summary, where it is seen.
	if strings.Index(out.stderr, "these verdicts come from") < strings.Index(out.stderr, "verify: 1 rerun-safe") {
		t.Errorf("the closing warning is not after the summary:\n%s", out.stderr)
	}
	out = idemlint(t, dir, "", "verify", "--dialect", "mariadb", "-f", "text", ".")
	if strings.Contains(out.stderr, "warning: --dialect") {
		t.Errorf("--dialect mariadb on MariaDB warns:\n%s", out.stderr)
	}
}

// TestVerifyKilledLeavesNothing: a verify killed with SIGKILL leaves its
// scratch folder; the next run removes it once its server is gone.
func TestVerifyKilledLeavesNothing(t *testing.T) {
	dir := tree(t, map[string]string{"1_slow.sql": "SELECT pg_sleep(60);\n", "2_quick.sql": "SELECT 1;\n"})
	tmp, err := os.MkdirTemp("", "idemlint-killed-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	cmd, _ := startSlowVerify(t, dir, tmp)
	deadline := time.Now().Add(60 * time.Second)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	left, _ := filepath.Glob(filepath.Join(tmp, "idemlint-verify-*"))
	if len(left) != 1 {
		t.Fatalf("after SIGKILL: %v, want the scratch folder left behind", left)
	}
	// The server dies with its parent; wait for it.
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(filepath.Join(left[0], "data", "postmaster.pid"))
		pid := 0
		if err == nil {
			pid, _ = strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
		}
		if pid <= 0 || syscall.Kill(pid, 0) != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	out := runBinary(t, dir, "", []string{"TMPDIR=" + tmp}, "verify", "--dialect", "postgres", "2_quick.sql")
	if out.code != 0 {
		t.Fatalf("second run: exit %d:\n%s", out.code, out.stderr)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left behind in TMPDIR after the next run: %v", left)
	}
}
