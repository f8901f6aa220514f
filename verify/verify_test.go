package verify

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

const fixtures = "../testdata/verify"

// want is one line of a fixture's want.tsv: the files in the order they
// must run, each with its verdict and the exact detail.
type want struct {
	file, verdict, detail string
}

func readWant(t *testing.T, dir string) []want {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "want.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []want
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first {
			continue // header
		}
		cols := strings.Split(sc.Text(), "\t")
		for len(cols) < 3 {
			cols = append(cols, "")
		}
		out = append(out, want{cols[0], cols[1], cols[2]})
	}
	return out
}

// detailOf is the detail column of a verdict, as --verdicts writes it.
func detailOf(r *Result) string {
	if r.Verdict == Safe && !r.FirstRunChanged && r.Detail == "" {
		return "run 1 changed nothing visible"
	}
	return r.Detail
}

// TestFixtures runs every fixture folder under testdata/verify/<dialect>
// on a real server and checks the order, the verdicts and the server's
// words.
func TestFixtures(t *testing.T) {
	for _, dialect := range []model.Dialect{model.Postgres, model.MariaDB} {
		dirs, _ := filepath.Glob(filepath.Join(fixtures, dialect.String(), "*"))
		if len(dirs) == 0 {
			t.Fatalf("no fixtures for %s", dialect)
		}
		for _, dir := range dirs {
			t.Run(dialect.String()+"/"+filepath.Base(dir), func(t *testing.T) {
				srv := server(t, dialect)
				files, err := Collect([]string{dir})
				if err != nil {
					t.Fatal(err)
				}
				results, err := Run(context.Background(), srv, files, Options{Dialect: dialect, Timeout: 20 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				wants := readWant(t, dir)
				if len(results) != len(wants) {
					var got []string
					for _, r := range results {
						got = append(got, filepath.Base(r.Path))
					}
					t.Fatalf("ran %d files %v, want %d", len(results), got, len(wants))
				}
				for i, w := range wants {
					r := &results[i]
					if rel, _ := filepath.Rel(dir, r.Path); filepath.ToSlash(rel) != w.file {
						t.Errorf("file %d is %s, want %s", i+1, rel, w.file)
						continue
					}
					if string(r.Verdict) != w.verdict || detailOf(r) != w.detail {
						t.Errorf("%s: %s %q, want %s %q", w.file, r.Verdict, detailOf(r), w.verdict, w.detail)
					}
				}
			})
		}
	}
}

// TestFindings: each verdict becomes a finding of its rule on the right
// line, naming the server and any earlier failure.
func TestFindings(t *testing.T) {
	srv := server(t, model.Postgres)
	dir := filepath.Join(fixtures, "postgres", "goose")
	files, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	results, err := Run(context.Background(), srv, files, Options{Dialect: model.Postgres})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		file, rule string
		line       int
		msg        []string
	}{
		{"001_in_transaction.sql", "first-run-error", 3, []string{"the first run on " + srv.Describe() + " fails here", `relation "missing" does not exist`}},
		{"002_after_rollback.sql", "rerun-error", 3, []string{"applied a second time on " + srv.Describe(), `relation "a" already exists`,
			"001_in_transaction.sql failed on its first run before this file"}},
		{"006_concurrently.sql", "", 0, nil},
		// The server points at line 4 of a statement that starts on line 2.
		{"007_syntax_error.sql", "first-run-error", 2, []string{"fails here at line 4", `syntax error at or near ","`}},
	}
	for _, c := range cases {
		var r *Result
		for i := range results {
			if filepath.Base(results[i].Path) == c.file {
				r = &results[i]
			}
		}
		if r == nil {
			t.Fatalf("%s did not run", c.file)
		}
		fs := r.Findings(srv.Describe())
		if c.rule == "" {
			if len(fs) != 0 {
				t.Errorf("%s: %d findings, want none", c.file, len(fs))
			}
			continue
		}
		if len(fs) != 1 {
			t.Fatalf("%s: %d findings, want 1", c.file, len(fs))
		}
		f := fs[0]
		if f.Rule.ID != c.rule || r.Script.Lines.Position(f.Span.Start).Line != c.line {
			t.Errorf("%s: %s on line %d, want %s on line %d", c.file, f.Rule.ID, r.Script.Lines.Position(f.Span.Start).Line, c.rule, c.line)
		}
		for _, m := range c.msg {
			if !strings.Contains(f.Message, m) {
				t.Errorf("%s: message %q lacks %q", c.file, f.Message, m)
			}
		}
	}
}

// TestTimeout: a statement that runs past --timeout is stopped by the
// server and fails the run, instead of hanging it: an error that says
// which statement and the limit.
func TestTimeout(t *testing.T) {
	for _, c := range []struct {
		d         model.Dialect
		sql, want string
	}{
		{model.Postgres, "SELECT pg_sleep(20);\n", "canceling statement due to statement timeout"},
		{model.MariaDB, "SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b, information_schema.columns c;\n", "max_statement_time"},
	} {
		t.Run(c.d.String(), func(t *testing.T) {
			srv := server(t, c.d)
			dir := t.TempDir()
			p := filepath.Join(dir, "1_slow.sql")
			if err := os.WriteFile(p, []byte(c.sql), 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			results, err := Run(context.Background(), srv, []string{p}, Options{Dialect: c.d, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if el := time.Since(start); el > 15*time.Second {
				t.Errorf("took %s with a 1s timeout", el)
			}
			r := results[0]
			if r.Verdict != FirstRunError || !strings.Contains(r.Detail, c.want) ||
				!strings.HasPrefix(r.Detail, "the statement on line 1 ran past the --timeout of 1s and was stopped: ") {
				t.Errorf("%s %q, want first-run-error naming the line and the limit, with %q", r.Verdict, r.Detail, c.want)
			}
			// An error: a run that could not verify a file must not pass.
			if fs := r.Findings(srv.Describe()); len(fs) != 1 || fs[0].Severity != rules.Error {
				t.Errorf("findings %+v, want one error", fs)
			}
		})
	}
}

// TestCancel: a cancelled run stops and drops its scratch databases.
func TestCancel(t *testing.T) {
	srv := server(t, model.Postgres)
	dir := t.TempDir()
	p := filepath.Join(dir, "1_slow.sql")
	if err := os.WriteFile(p, []byte("SELECT pg_sleep(20);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := Run(ctx, srv, []string{p}, Options{Dialect: model.Postgres})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %s to stop", el)
	}
	if dbs := scratchDatabases(t, srv); len(dbs) > 0 {
		t.Errorf("scratch databases left behind: %v", dbs)
	}
}

// scratchDatabases lists the databases verify runs create on a
// PostgreSQL server.
func scratchDatabases(t *testing.T, srv Server) []string {
	t.Helper()
	ps := srv.(*pgServer)
	rows, err := pgQuery(context.Background(), ps.admin, "SELECT datname FROM pg_database WHERE datname LIKE 'idemlint\\_verify\\_%' ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r[0])
	}
	return out
}

// TestDSN: on a server given by --dsn, verify creates and drops its own
// databases and leaves the others as they were.
func TestDSN(t *testing.T) {
	local := server(t, model.Postgres).(*pgServer)
	other := uniqueDB("other")
	ctx := context.Background()
	if err := local.CreateDB(ctx, other); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = local.DropDB(ctx, other) }()
	execAdmin(t, local, other, "CREATE TABLE users (id int PRIMARY KEY)", "INSERT INTO users VALUES (1), (2)")
	before := snapshotOf(t, local, other)

	dsn := "host=" + local.cfg.Host + " port=5432 user=postgres dbname=" + other + " sslmode=disable"
	srv, err := ConnectPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	files, _ := Collect([]string{filepath.Join(fixtures, "postgres", "basic")})
	results, err := Run(ctx, srv, files, Options{Dialect: model.Postgres})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range readWant(t, filepath.Join(fixtures, "postgres", "basic")) {
		if string(results[i].Verdict) != w.verdict {
			t.Errorf("%s: %s, want %s", w.file, results[i].Verdict, w.verdict)
		}
	}
	if d := Compare(before, snapshotOf(t, local, other)); !d.Empty() {
		t.Errorf("the DSN's database changed: %s", d)
	}
	if dbs := scratchDatabases(t, local); len(dbs) > 0 {
		t.Errorf("scratch databases left behind: %v", dbs)
	}
}

// TestSetup: --setup files prepare what production has before the first
// migration; a failing one stops the run and says where.
func TestSetup(t *testing.T) {
	srv := server(t, model.Postgres)
	dir := t.TempDir()
	write := func(name, sql string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mig := write("1_t.up.sql", "CREATE TABLE extensions.t (id int);\n")
	good := write("setup.sql", "-- what the platform creates\nCREATE SCHEMA extensions;\n")
	bad := write("bad.sql", "CREATE SCHEMA s;\nCREATE TABLE nowhere.t (id int);\n")
	ctx := context.Background()
	res, err := Run(ctx, srv, []string{mig}, Options{Dialect: model.Postgres})
	if err != nil || res[0].Verdict != FirstRunError {
		t.Fatalf("without setup: %v %v, want first-run-error", err, res)
	}
	res, err = Run(ctx, srv, []string{mig}, Options{Dialect: model.Postgres, Setup: []string{good}})
	if err != nil || res[0].Verdict != RerunError || res[0].Detail != `ERROR 42P07: relation "t" already exists` {
		t.Fatalf("with setup: %v %+v, want rerun-error", err, res)
	}
	_, err = Run(ctx, srv, []string{mig}, Options{Dialect: model.Postgres, Setup: []string{bad}})
	if err == nil || !strings.Contains(err.Error(), "bad.sql:2: ERROR 3F000") {
		t.Errorf("failing setup: %v, want it named with its line", err)
	}
}

// TestRemoveStale: a scratch folder left by a killed run (verify's marker,
// verify and its server gone) is removed; one whose verify or server
// still runs, one verify did not make, and one kept with --keep stay.
func TestRemoveStale(t *testing.T) {
	tmp := t.TempDir()
	// A process id that is surely gone: a child that has exited.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead, live := cmd.Process.Pid, os.Getpid()
	mk := func(name string, files map[string]string) string {
		dir := filepath.Join(tmp, name)
		for f, body := range files {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	owner := func(pid int) string { return fmt.Sprintf("idemlint verify %d\n", pid) }
	gonePG := mk("idemlint-verify-pg-1", map[string]string{markerFile: owner(dead), "data/postmaster.pid": fmt.Sprintf("%d\n/data\n", dead)})
	goneMy := mk("idemlint-verify-my-1", map[string]string{markerFile: owner(dead), "mysqld.pid": fmt.Sprintf("%d\n", dead)})
	starting := mk("idemlint-verify-pg-2", map[string]string{markerFile: owner(live)})
	serverUp := mk("idemlint-verify-pg-3", map[string]string{markerFile: owner(dead), "data/postmaster.pid": fmt.Sprintf("%d\n", live)})
	unreadable := mk("idemlint-verify-my-2", map[string]string{markerFile: owner(dead), "mysqld.pid": "garbage"})
	notOurs := mk("idemlint-verify-pg-4", map[string]string{"data/postmaster.pid": fmt.Sprintf("%d\n", dead)})
	kept := mk("idemlint-verify-pg-5", map[string]string{"data/PG_VERSION": "15"})
	removed := RemoveStale(tmp)
	if strings.Join(removed, " ") != gonePG+" "+goneMy && strings.Join(removed, " ") != goneMy+" "+gonePG {
		t.Errorf("removed %v, want %s and %s", removed, gonePG, goneMy)
	}
	for _, d := range []string{starting, serverUp, unreadable, notOurs, kept} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s: %v, want it kept", d, err)
		}
	}
}

// TestCopyFromStdin: the rows after a psql COPY ... FROM stdin go to the
// server as COPY data, never as SQL, even rows that read as SQL; the SQL
// after the closing line runs.
func TestCopyFromStdin(t *testing.T) {
	srv := server(t, model.Postgres)
	p := filepath.Join(t.TempDir(), "1_seed.up.sql")
	sql := "CREATE TABLE IF NOT EXISTS t (a text, b text);\n" +
		"COPY t (a, b) FROM stdin;\n" +
		"DROP TABLE t;\tx\n" +
		"CREATE TABLE evil (id int);\ty\n" +
		"plain\t\\N\n" +
		"\\.\n" +
		"INSERT INTO t VALUES ('after', 'copy');\n"
	if err := os.WriteFile(p, []byte(sql), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), srv, []string{p}, Options{Dialect: model.Postgres})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Verdict != Diverges || r.Detail != "rows: public.t 4 → 8" {
		t.Errorf("%s %q, want rerun-diverges: rows: public.t 4 → 8", r.Verdict, r.Detail)
	}
}
