package verify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestLocksAgreeWithRules runs every fixture of the lock rules through
// verify --locks on a real server, on top of a set-up that makes the
// tables the fixtures do not create exist (with a row), and checks each
// statement's static lock findings against what the server did:
//
//   - table-rewrite: the statement changed an existing table's relfilenode;
//   - index-without-concurrently: it held a SHARE lock (CREATE INDEX,
//     REINDEX);
//   - drop-index-without-concurrently: it held an ACCESS EXCLUSIVE lock;
//   - constraint-without-not-valid, set-not-null-without-check: it scanned
//     an existing table (pg_stat_xact_user_tables.seq_scan grew);
//   - unique-without-index: it built an index on an existing table;
//   - missing-lock-timeout: it held SHARE or stronger;
//   - mysql-copy-algorithm: the server refused ALGORITHM=INSTANT and
//     INPLACE for the ALTER TABLE (or it names ALGORITHM=COPY, LOCK=SHARED
//     or EXCLUSIVE).
//
// Each way: a finding the server does not bear out, and a lock the rule
// misses, both fail.
func TestLocksAgreeWithRules(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules")
	var lockRules []*rules.Rule
	for _, r := range rules.All() {
		if r.Category == rules.Lock {
			lockRules = append(lockRules, r)
		}
	}
	if len(lockRules) == 0 {
		t.Fatal("no lock rules")
	}
	for _, r := range lockRules {
		for _, dir := range []string{"postgres", "mysql", "mariadb"} {
			files, _ := filepath.Glob(filepath.Join(root, r.ID, dir, "*.sql"))
			for _, f := range files {
				t.Run(r.ID+"/"+dir+"/"+filepath.Base(f), func(t *testing.T) {
					lockFixture(t, f, dir)
				})
			}
		}
	}
}

func lockFixture(t *testing.T, path, dir string) {
	d, err := model.ParseDialect(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := server(t, d)
	if d.MySQLFamily() {
		// The static claims must be for the server that answers: a
		// mysql fixture runs on MariaDB when only MariaDB is installed.
		d = model.MySQL
		if strings.Contains(srv.Describe(), "MariaDB") {
			d = model.MariaDB
		} else if dir == "mariadb" {
			t.Skip("a MariaDB fixture needs MariaDB")
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := parser.Parse(path, src, parser.Options{Dialect: d})
	static := map[*model.Statement]map[string]bool{}
	for _, f := range rules.Run(s, nil) {
		if f.Rule.Category != rules.Lock || f.Stmt == nil {
			continue
		}
		top := f.Stmt.TopLevel()
		if static[top] == nil {
			static[top] = map[string]bool{}
		}
		static[top][f.Rule.ID] = true
	}
	setup := filepath.Join("testdata", "locks", "postgres.sql")
	if d.MySQLFamily() {
		setup = filepath.Join("testdata", "locks", "mysql.sql")
	}
	res, err := RunScripts(context.Background(), srv, []*model.Script{s}, Options{Dialect: d, Setup: []string{setup}, Locks: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	if res[0].Verdict == FirstRunError {
		t.Fatalf("the fixture does not run on %s: %s", srv.Describe(), res[0].Detail)
	}
	want := 0
	for _, u := range Plan(s) {
		for _, st := range u.Stmts {
			if !d.MySQLFamily() || alteredTable(&st) != "" {
				want++
			}
		}
	}
	if len(res[0].Locks) != want {
		t.Fatalf("the lock run recorded %d statements of %d", len(res[0].Locks), want)
	}
	for _, rec := range res[0].Locks {
		st := rec.Stmt.St
		line := s.Lines.Position(rec.Stmt.Span.Start).Line
		got := static[st]
		check := func(rule string, observed bool, what string) {
			if got[rule] != observed {
				t.Errorf("line %d: %s reported=%v, but on %s the statement %s=%v (locks %v, rewrites %v, scans %v, builds %v, algorithm %q %s)",
					line, rule, got[rule], srv.Describe(), what, observed, rec.Locks, rec.Rewrites, rec.Scans, rec.Builds, rec.Algorithm, rec.Note)
			}
		}
		if rec.Note != "" && rec.Algorithm == "" && d.MySQLFamily() {
			continue // not observable: the note says why
		}
		if d.MySQLFamily() {
			upper := strings.ToUpper(rec.Stmt.Text)
			declared := strings.Contains(upper, "LOCK=SHARED") || strings.Contains(upper, "LOCK=EXCLUSIVE")
			check("mysql-copy-algorithm", rec.Algorithm == "COPY" || declared, "copied the table")
			continue
		}
		kinds := map[model.LockKind]bool{}
		for _, op := range st.Locks {
			kinds[op.Kind] = true
		}
		if len(st.Locks) > 0 && !kinds[model.LockTimeout] {
			check("table-rewrite", len(rec.Rewrites) > 0, "rewrote a table")
		}
		if kinds[model.LockCreateIndex] || kinds[model.LockReindex] {
			check("index-without-concurrently", holds(rec, "ShareLock"), "held a SHARE lock")
		}
		if kinds[model.LockDropIndex] {
			check("drop-index-without-concurrently", holds(rec, "AccessExclusiveLock"), "held an ACCESS EXCLUSIVE lock")
		}
		if kinds[model.LockAddForeignKey] || kinds[model.LockAddCheck] {
			check("constraint-without-not-valid", len(rec.Scans) > 0, "scanned a table")
		}
		if kinds[model.LockSetNotNull] {
			check("set-not-null-without-check", len(rec.Scans) > 0, "scanned a table")
		}
		if kinds[model.LockAddUnique] || kinds[model.LockAddPrimaryKey] {
			check("unique-without-index", len(rec.Builds) > 0, "built an index")
		}
		if got["missing-lock-timeout"] && !rec.Strong() {
			t.Errorf("line %d: missing-lock-timeout reported, but the statement took no lock of SHARE or stronger on %s (locks %v)", line, srv.Describe(), rec.Locks)
		}
	}
}

func holds(rec StmtLocks, mode string) bool {
	for _, l := range rec.Locks {
		if l.Mode == mode {
			return true
		}
	}
	return false
}
