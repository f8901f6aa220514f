package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/verify"
)

// One server per dialect family for the whole test binary, started on
// first use and stopped by TestMain.
var servers struct {
	sync.Mutex
	started map[string]verify.Server
	errs    map[string]error
}

// requireServers makes a missing server a failure instead of a skip, as
// in the verify package: CI sets it.
const requireServers = "IDEMLINT_VERIFY_REQUIRE_SERVERS"

func TestMain(m *testing.M) {
	code := m.Run()
	servers.Lock()
	for _, s := range servers.started {
		s.Close()
	}
	servers.Unlock()
	os.Exit(code)
}

// server returns the shared server for a dialect family ("postgres" or
// "mysql"), or skips the test with what to install.
func server(t *testing.T, fam string) verify.Server {
	t.Helper()
	servers.Lock()
	defer servers.Unlock()
	if servers.started == nil {
		servers.started, servers.errs = map[string]verify.Server{}, map[string]error{}
	}
	if s, ok := servers.started[fam]; ok {
		return s
	}
	err, tried := servers.errs[fam]
	if !tried {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		var s verify.Server
		if fam == "postgres" {
			s, err = verify.StartPostgres(ctx, verify.LocalOptions{})
		} else {
			s, err = verify.StartMySQL(ctx, model.MariaDB, verify.LocalOptions{})
		}
		servers.errs[fam] = err
		if err == nil {
			servers.started[fam] = s
			return s
		}
	}
	var none *verify.ErrNoServer
	if errors.As(err, &none) && os.Getenv(requireServers) == "" {
		t.Skipf("skipping: %v (set %s=1 to make this a failure)", err, requireServers)
	}
	t.Fatalf("start the %s server: %v", fam, err)
	return nil
}

// TestFixtures proves the fix of every rule fixture that has a finding
// with a fix: (a) always, (b) and (c) on PostgreSQL 15 and MariaDB 10.11
// for those whose original runs. A fixture whose original first run
// fails is logged as not runnable, never counted as a pass; the test
// fails when a family has no runnable fixed fixture at all, since it
// would then prove nothing on the server.
func TestFixtures(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "rules")
	for _, fam := range []struct {
		name  string
		globs []string
	}{
		{"postgres", []string{"*/postgres/*.sql"}},
		{"mysql", []string{"*/mysql/*.sql", "*/mariadb/*.sql"}},
	} {
		t.Run(fam.name, func(t *testing.T) {
			var paths []string
			for _, g := range fam.globs {
				m, err := filepath.Glob(filepath.Join(root, g))
				if err != nil {
					t.Fatal(err)
				}
				paths = append(paths, m...)
			}
			if len(paths) == 0 {
				t.Fatalf("no fixtures under %s", root)
			}
			var fixed []*File
			for _, p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if f := Fix(p, src, Options{}); f.HasFix() {
					fixed = append(fixed, f)
				}
			}
			if len(fixed) == 0 {
				t.Fatal("no fixture has a finding with a fix")
			}
			runnable, served := 0, 0
			for _, f := range fixed {
				rel, _ := filepath.Rel(root, f.Path)
				t.Run(filepath.ToSlash(rel), func(t *testing.T) {
					switch {
					case f.Refused != "":
						t.Logf("the fixer refuses it: %s", f.Refused)
						return
					case len(f.Lint) > 0:
						// (a) needs no server; the text may not even run.
						for _, l := range f.Lint {
							t.Errorf("(a) %s", l)
						}
						return
					}
					for _, u := range f.Unmasked {
						t.Logf("uncovered by the fix: %s", u)
					}
					srv := server(t, fam.name)
					served++
					if err := Run(context.Background(), srv, f, Options{}); err != nil {
						t.Fatalf("server: %v", err)
					}
					if f.NotRunnable != "" {
						t.Logf("not runnable: %s", f.NotRunnable)
						return
					}
					runnable++
					for _, fail := range f.Failures() {
						t.Errorf("%s\nfixed text:\n%s", fail, f.Fixed)
					}
					if f.EffectNote != "" {
						t.Logf("left out of (b): %s", f.EffectNote)
					}
					if f.RerunExcused != "" {
						t.Logf("not rerun-safe, for a finding without a fix: %s", f.RerunExcused)
					}
					if f.RerunGap != "" {
						t.Logf("not rerun-safe, at a statement no rule flags: %s", f.RerunGap)
					}
				})
			}
			if served == 0 {
				t.Skip("no server: the fixes were checked without one") // server said why
			}
			if runnable == 0 {
				t.Errorf("none of the %d fixtures with a fix runs on the server: nothing was proved", len(fixed))
			}
		})
	}
}

// fixOf fixes a snippet as if it sat at path.
func fixOf(t *testing.T, path, src string) *File {
	t.Helper()
	f := Fix(path, []byte(src), Options{})
	if f.Refused != "" {
		t.Fatalf("refused: %s", f.Refused)
	}
	return f
}

func TestFixPasses(t *testing.T) {
	f := fixOf(t, "x/postgres/1.sql", "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\n")
	if f.Dialect != model.Postgres || f.Fixable != 2 || !f.Changed() || len(f.Lint) != 0 {
		t.Fatalf("dialect %s, %d fixable, %d passes, lint %q", f.Dialect, f.Fixable, f.Passes, f.Lint)
	}
	want := "CREATE TABLE IF NOT EXISTS t (a int);\nCREATE INDEX IF NOT EXISTS t_a ON t (a);\n"
	if string(f.Fixed) != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", f.Fixed, want)
	}
	// Nothing to fix: no pass, nothing to prove.
	if f := Fix("x/postgres/2.sql", []byte("CREATE TABLE IF NOT EXISTS t (a int);\n"), Options{}); f.HasFix() || f.Changed() {
		t.Errorf("a guarded file: %d fixable, %d passes", f.Fixable, f.Passes)
	}
	// The path names the dialect when no option does.
	if f := Fix("x/mysql/3.sql", []byte("CREATE TABLE t (a int);\n"), Options{}); f.Dialect != model.MySQL {
		t.Errorf("x/mysql/3.sql read as %s", f.Dialect)
	}
	tgt, _ := model.ParseTarget("mariadb:10.11")
	if f := Fix("x/mysql/3.sql", []byte("CREATE TABLE t (a int);\n"), Options{Target: tgt}); f.Target != tgt {
		t.Errorf("-target mariadb:10.11 read as %s", f.Target)
	}
}

// judge runs check (a) on an original and a fixed text written by hand.
func judge(t *testing.T, orig, fixed string) (failures, unmasked []string) {
	t.Helper()
	l := linter{path: "x.sql", opt: parser.Options{Dialect: model.Postgres}}
	_, of := l.lint([]byte(orig))
	fs, ff := l.lint([]byte(fixed))
	return judgeLint(of, []byte(orig), fs, ff)
}

func TestJudgeLint(t *testing.T) {
	orig := "CREATE TABLE plans (id int);\nINSERT INTO plans VALUES (1);\n"
	// A fix that does not take: the finding and its fix are still there.
	fail, _ := judge(t, orig, orig)
	if len(fail) != 1 || !strings.Contains(fail[0], "create-without-guard still has a fix") {
		t.Errorf("unfixed: %q", fail)
	}
	// A fix whose own text draws a finding the original lacked.
	fail, _ = judge(t, orig, "CREATE TABLE IF NOT EXISTS plans (id int);\nDROP TABLE old;\nINSERT INTO plans VALUES (1);\n")
	if len(fail) == 0 || !strings.Contains(strings.Join(fail, "\n"), "line 2: new destructive-drop") {
		t.Errorf("new finding in the fix's text: %q", fail)
	}
	// A right fix that uncovers the insert behind it: reported apart,
	// not a failure.
	fail, unmasked := judge(t, orig, "CREATE TABLE IF NOT EXISTS plans (id int);\nINSERT INTO plans VALUES (1);\n")
	if len(fail) != 0 || len(unmasked) != 1 || !strings.Contains(unmasked[0], "line 2: new bare-insert") {
		t.Errorf("uncovered insert: failures %q, unmasked %q", fail, unmasked)
	}
	// A clean fix.
	fail, unmasked = judge(t, "CREATE TABLE plans (id int);\n", "CREATE TABLE IF NOT EXISTS plans (id int);\n")
	if len(fail)+len(unmasked) != 0 {
		t.Errorf("clean fix: failures %q, unmasked %q", fail, unmasked)
	}
}

func TestWithout(t *testing.T) {
	d := verify.Diff{Schema: []string{"~column public.t.a", "+table public.u"}, Rows: []string{"public.t 1 → 2"}, Contents: []string{"public.v"}}
	noise := verify.Diff{Schema: []string{"~column public.t.a"}, Contents: []string{"public.v"}}
	left, dropped := without(d, noise)
	if strings.Join(left.Schema, ",") != "+table public.u" || strings.Join(left.Rows, ",") != "public.t 1 → 2" || len(left.Contents) != 0 {
		t.Errorf("left %+v", left)
	}
	if strings.Join(dropped, ",") != "column public.t.a,rows of public.v" {
		t.Errorf("dropped %q", dropped)
	}
	if got := tableOf("my table 3 → 4"); got != "my table" {
		t.Errorf("tableOf = %q", got)
	}
}

// prove runs the server part on an original and a fixed text written by
// hand, as if the fixer had produced it.
func prove(t *testing.T, fam string, d model.Dialect, orig, fixed string) *File {
	t.Helper()
	srv := server(t, fam)
	f := &File{Path: "x.sql", Dialect: d, Target: model.DefaultTarget(d), Source: []byte(orig), Fixed: []byte(fixed), Passes: 1, Fixable: 1}
	if err := Run(context.Background(), srv, f, Options{}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRunPostgres(t *testing.T) {
	// A right fix passes (b) and (c).
	f := prove(t, "postgres", model.Postgres, "CREATE TABLE t (a int);\n", "CREATE TABLE IF NOT EXISTS t (a int);\n")
	if !f.Runnable() || len(f.Failures()) != 0 || f.RerunExcused != "" {
		t.Errorf("right fix: not runnable %q, failures %q, excused %q", f.NotRunnable, f.Failures(), f.RerunExcused)
	}
	// A fix that changes the first run's schema fails (b).
	f = prove(t, "postgres", model.Postgres, "CREATE TABLE t (a int);\n", "CREATE TABLE IF NOT EXISTS t (a int, b int);\n")
	if !strings.Contains(f.Effect, "+column public.t.b") {
		t.Errorf("changed schema: effect %q", f.Effect)
	}
	// A fix whose first run fails fails (b) and (c).
	f = prove(t, "postgres", model.Postgres, "CREATE TABLE t (a int);\n", "CREATE TABLE IF NOT EXISTS t (a int);\nSELECT 1/0;\n")
	if !strings.Contains(f.Effect, "first run fails at line 2") || f.Rerun == "" {
		t.Errorf("failing fix: effect %q, rerun %q", f.Effect, f.Rerun)
	}
	// A fix that the linter passes but a second run breaks fails (c):
	// the table's name is built at run time, where the linter cannot
	// read it.
	f = prove(t, "postgres", model.Postgres, "CREATE TABLE t (a int);\n",
		"DO $$BEGIN EXECUTE format('CREATE %s t (a int)', 'TABLE'); END$$;\n")
	if f.Effect != "" || !strings.Contains(f.Rerun, "rerun-error at line 1") || !strings.Contains(f.Rerun, "42P07") {
		t.Errorf("unsafe fix: effect %q, rerun %q, excused %q", f.Effect, f.Rerun, f.RerunExcused)
	}
	// The same second-run failure where the linter still reports a
	// finding without a fix is the linter's to report, not the fix's.
	// (An insert without a key to guard on has no fix.)
	f = prove(t, "postgres", model.Postgres, "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n",
		"CREATE TABLE IF NOT EXISTS t (a int);\nINSERT INTO t VALUES (1);\n")
	if f.Rerun != "" || !strings.Contains(f.RerunExcused, "line 2 still draws bare-insert") {
		t.Errorf("unfixed finding left: rerun %q, excused %q", f.Rerun, f.RerunExcused)
	}
	// A second run that gets past the fixed statements and fails on one
	// the fix did not write, which no rule flags, is a gap in the rules.
	f = prove(t, "postgres", model.Postgres,
		"CREATE TABLE t (a int, b int);\nALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = b;\nALTER TABLE t DROP COLUMN b;\n",
		"CREATE TABLE IF NOT EXISTS t (a int, b int);\nALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\nUPDATE t SET c = b;\nALTER TABLE t DROP COLUMN IF EXISTS b;\n")
	if f.Rerun != "" || !strings.Contains(f.RerunGap, "rerun-error at line 3") {
		t.Errorf("rule gap: rerun %q, gap %q, excused %q", f.Rerun, f.RerunGap, f.RerunExcused)
	}
	// An original whose first run fails proves nothing.
	f = prove(t, "postgres", model.Postgres, "ALTER TABLE missing ADD COLUMN a int;\n", "ALTER TABLE missing ADD COLUMN IF NOT EXISTS a int;\n")
	if !strings.Contains(f.NotRunnable, "first run fails at line 1") || f.Runnable() || len(f.Failures()) != 0 {
		t.Errorf("missing table: not runnable %q, failures %q", f.NotRunnable, f.Failures())
	}
	// What differs between any two runs (a random value) is left out of
	// (b), and said.
	f = prove(t, "postgres", model.Postgres, "CREATE TABLE t (a float8);\nINSERT INTO t SELECT random();\n",
		"CREATE TABLE IF NOT EXISTS t (a float8);\nINSERT INTO t SELECT random();\n")
	if f.Effect != "" || !strings.Contains(f.EffectNote, "rows of public.t") {
		t.Errorf("random row: effect %q, note %q", f.Effect, f.EffectNote)
	}
}

func TestRunMySQL(t *testing.T) {
	f := prove(t, "mysql", model.MySQL, "CREATE TABLE t (a int);\n", "CREATE TABLE IF NOT EXISTS t (a int);\n")
	if !f.Runnable() || len(f.Failures()) != 0 {
		t.Errorf("right fix: not runnable %q, failures %q", f.NotRunnable, f.Failures())
	}
	// A fix that adds rows fails (b).
	f = prove(t, "mysql", model.MySQL, "CREATE TABLE t (a int);\n", "CREATE TABLE IF NOT EXISTS t (a int);\nINSERT INTO t VALUES (1);\n")
	if !strings.Contains(f.Effect, "rows: t 0 → 1") {
		t.Errorf("added row: effect %q", f.Effect)
	}
}

// In a history, a migration that alters an earlier one's table runs on
// what the earlier one built: alone it is not runnable.
func TestProveHistory(t *testing.T) {
	srv := server(t, "postgres")
	dir := filepath.Join(t.TempDir(), "postgres")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"1_orders.up.sql": "CREATE TABLE orders (id int PRIMARY KEY);\nINSERT INTO orders VALUES (1);\n",
		"2_status.up.sql": "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';\n",
	}
	var paths []string
	for _, name := range []string{"1_orders.up.sql", "2_status.up.sql"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ctx := context.Background()
	alone, err := Prove(ctx, srv, paths[1:], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(alone[0].NotRunnable, `relation "orders" does not exist`) {
		t.Errorf("alone: not runnable %q", alone[0].NotRunnable)
	}
	got, err := Prove(ctx, srv, paths, Options{History: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if !f.Changed() || !f.Runnable() || len(f.Failures()) != 0 {
			t.Errorf("%s: changed %v, not runnable %q, failures %q", filepath.Base(f.Path), f.Changed(), f.NotRunnable, f.Failures())
		}
	}
}
