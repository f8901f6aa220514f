// Package verify applies migrations to a real, throwaway database to
// find out what a second run does: for each file in order, the history
// before it is applied once, the file is applied, the state is forked,
// the file is applied a second time to the fork, and the two states are
// compared. It is the ground truth the linter's reasoning is measured
// against.
package verify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// Server is a database server verify creates its scratch databases on.
type Server interface {
	// Describe names the server and its version, e.g. "PostgreSQL 15.8".
	Describe() string
	CreateDB(ctx context.Context, name string) error
	DropDB(ctx context.Context, name string) error
	// Fork makes database to a copy of from; from has no open session.
	Fork(ctx context.Context, from, to string) error
	// ExactFork says a fork is a copy of the files, so a snapshot of the
	// source is a snapshot of the fork.
	ExactFork() bool
	// Open starts a session on a database as an account, with the
	// per-statement timeout set on the server side.
	Open(ctx context.Context, db string, as Account, timeout time.Duration) (Session, error)
	// Throwaway says verify started the server itself and it goes away
	// with the run; false for a server given by --dsn.
	Throwaway() bool
	// Warning says what to beware of in the account verify connected
	// with (a superuser on a server given by --dsn), or "".
	Warning() string
	// AfterSetup gives the migration account what production's migration
	// user has in what --setup made in db (PostgreSQL: USAGE and CREATE on
	// its schemas).
	AfterSetup(ctx context.Context, db string) error
	// Close stops a server verify started and removes its files; on a
	// server given by --dsn it closes the connections.
	Close() error
}

// Account is whom a session runs as.
type Account uint8

const (
	// Migrator runs the migrations. On verify's own server it is an
	// account without privileges beyond the scratch databases, which it
	// owns (MigratorName); on a server given by --dsn it is the DSN's user.
	Migrator Account = iota
	// Admin is the account verify connected with (the superuser of its own
	// server): it creates and drops the scratch databases, runs --setup
	// and reads the snapshots, which must see every row.
	Admin
)

// MigratorName is the role (PostgreSQL) or account (MySQL, MariaDB,
// at localhost) the migrations run as on verify's own server; a --setup
// file can grant it what production's migration user has.
const MigratorName = "idemlint_migrator"

// Session is one connection to a database.
type Session interface {
	// Exec runs one statement (or a script the tool sends whole). A
	// rejection by the server is a *ServerError; other errors mean the
	// connection is gone.
	Exec(ctx context.Context, text string) error
	// CopyFrom runs a COPY ... FROM STDIN statement and sends data as its
	// COPY data.
	CopyFrom(ctx context.Context, text string, data []byte) error
	Snapshot(ctx context.Context) (*Snapshot, error)
	Close() error
}

// ServerError is the server's rejection of a statement.
type ServerError struct {
	// Message is the error the way the server's own client prints it,
	// e.g. `ERROR 42701: column "c" of relation "t" already exists`.
	Message string
	// Position is the 1-based character offset in the statement the
	// server points at, 0 when it gives none.
	Position int
	// Timeout is set when the statement was stopped for running past the
	// time limit (or waiting past it for a lock).
	Timeout bool
}

func (e *ServerError) Error() string { return e.Message }

// Verdict is what the second run did.
type Verdict string

const (
	// Safe: the second run succeeded and changed nothing.
	Safe Verdict = "rerun-safe"
	// RerunError: the second run failed.
	RerunError Verdict = "rerun-error"
	// Diverges: the second run succeeded but changed schema, row counts or
	// row contents.
	Diverges Verdict = "rerun-diverges"
	// FirstRunError: the first run failed; nothing is known about a
	// second one.
	FirstRunError Verdict = "first-run-error"
)

// Options steer a run.
type Options struct {
	// Dialect the files are parsed as; required.
	Dialect model.Dialect
	// Target is the server version they are written for (zero: the
	// dialect's default).
	Target model.Target
	// Framework overrides detection; zero means per file.
	Framework model.Framework
	// Timeout limits each statement; zero means 30 seconds.
	Timeout time.Duration
	// Setup are SQL files run once on the scratch database before the
	// first migration: the roles, extensions or schemas that production
	// has and the migrations take for granted.
	Setup []string
	// Progress, when set, is called when a file starts (res nil) and when
	// it is done.
	Progress func(k, n int, path string, res *Result)
	// AllowUnsafe runs, on verify's own server only, statements that reach
	// outside the scratch database (see Check); the server must have been
	// started with LocalOptions.AllowUnsafe for them to work.
	AllowUnsafe bool
	// KeepFirstRun keeps in each Result the state its first run left
	// (FirstRun), for a caller that compares two versions of a file. Off
	// by default: a long run would hold one snapshot per file.
	KeepFirstRun bool
	// Base, when set, is a database of the server that each run's
	// scratch database starts as a copy of (the history before the
	// files, built with Apply) instead of an empty one.
	Base string
	// Locks records, for each statement, the locks it takes on the
	// relations that existed before its migration and the tables it
	// rewrites (PostgreSQL), or the algorithm the server accepts for each
	// ALTER TABLE (MySQL, MariaDB), in Result.Locks: see locks.go.
	Locks bool
}

// RefusedError is a run refused because of what the migrations would do.
type RefusedError struct {
	Refusals []Refusal
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	b.WriteString("verify refuses to run statements that reach outside its scratch database:")
	for _, r := range e.Refusals {
		b.WriteString("\n  ")
		b.WriteString(r.String())
	}
	return b.String()
}

// Result is one file's verdict.
type Result struct {
	Path    string
	Script  *model.Script
	Verdict Verdict
	// Detail is the server's error, or what the second run changed.
	Detail string
	Diff   Diff
	// Failed is the statement that failed, for the error verdicts, and
	// Position the 1-based character in it the server pointed at (0: none).
	Failed   *Stmt
	Position int
	// Changed is, for a divergence, the statement whose second run made
	// the change (the earliest of those that did), and Also the others;
	// nil when verify could not tell.
	Changed *Stmt
	Also    []*Stmt
	// Guessed says Changed comes from what the statements write, not
	// from a replay that watched them.
	Guessed bool
	// FirstRunChanged is false when the first run left no visible trace
	// (e.g. an UPDATE of an empty table): a clean second run then proves
	// little.
	FirstRunChanged bool
	// AffectedBy names the earliest earlier file whose first run failed:
	// this file ran on an incomplete history.
	AffectedBy string
	// FirstRun is the state the first run left, when it succeeded and
	// Options.KeepFirstRun is set; nil otherwise.
	FirstRun *Snapshot
	// Locks is what each statement locked, when Options.Locks is set.
	Locks   []StmtLocks
	Elapsed time.Duration
}

// NothingToRun is the detail of a file with no up statements.
const NothingToRun = "no statements to run"

// DefaultTimeout is the per-statement limit when none is given.
const DefaultTimeout = 30 * time.Second

// Run verifies files in the order given on srv. It returns an error when
// the server fails (not when a migration does); the results gathered so
// far come back with it.
func Run(ctx context.Context, srv Server, files []string, opt Options) ([]Result, error) {
	scripts, err := Load(files, opt)
	if err != nil {
		return nil, err
	}
	return RunScripts(ctx, srv, scripts, opt)
}

// Load reads and parses the migrations.
func Load(files []string, opt Options) ([]*model.Script, error) {
	scripts := make([]*model.Script, len(files))
	for i, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		scripts[i] = parser.Parse(path, src, parser.Options{Dialect: opt.Dialect, Target: opt.Target, Framework: opt.Framework})
	}
	return scripts, nil
}

// RunScripts is Run on migrations already loaded. It refuses, before
// anything runs, migrations that Check refuses on this server.
func RunScripts(ctx context.Context, srv Server, scripts []*model.Script, opt Options) ([]Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if refused := Check(scripts, srv.Throwaway()); len(refused) > 0 && (!opt.AllowUnsafe || !srv.Throwaway()) {
		return nil, &RefusedError{Refusals: refused}
	}
	r := &runner{srv: srv, opt: opt, prefix: scratchPrefix()}
	var frameworks []model.Framework
	seen := map[model.Framework]bool{}
	for _, s := range scripts {
		if fw := s.Framework; !seen[fw] {
			seen[fw] = true
			frameworks = append(frameworks, fw)
		}
	}
	a := r.prefix + "_a"
	create := func() error { return srv.CreateDB(ctx, a) }
	if opt.Base != "" {
		create = func() error { return srv.Fork(ctx, opt.Base, a) }
	}
	if err := create(); err != nil {
		return nil, fmt.Errorf("create the scratch database: %w", err)
	}
	defer func() {
		// Drop even after a cancellation: the server may outlive us.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = srv.DropDB(dctx, a)
	}()
	// The framework's ledger exists before its first migration runs.
	var ledger []Unit
	for _, fw := range frameworks {
		if q := ledgerSQL(fw, opt.Dialect); q != "" {
			ledger = append(ledger, Unit{Stmts: []Stmt{{Text: q}}})
		}
	}
	if len(ledger) > 0 {
		if _, runErr, _, err := r.apply(ctx, a, Migrator, ledger); err != nil || runErr != nil {
			return nil, fmt.Errorf("create the migration ledger: %w", errors.Join(err, errOrNil(runErr)))
		}
	}
	for _, path := range opt.Setup {
		if err := r.setup(ctx, a, path); err != nil {
			return nil, err
		}
	}
	if len(opt.Setup) > 0 {
		if err := srv.AfterSetup(ctx, a); err != nil {
			return nil, fmt.Errorf("--setup: %w", err)
		}
	}
	prev, err := r.snapshot(ctx, a)
	if err != nil {
		return nil, err
	}
	var results []Result
	firstFailure := ""
	for k, script := range scripts {
		path := script.Path
		if err := ctx.Err(); err != nil {
			return results, err
		}
		if opt.Progress != nil {
			opt.Progress(k+1, len(scripts), path, nil)
		}
		start := time.Now()
		res, snap, err := r.file(ctx, a, script, prev)
		if err != nil {
			return results, fmt.Errorf("%s: %w", path, err)
		}
		if snap != nil {
			prev = snap
		}
		res.AffectedBy = firstFailure
		if res.Verdict == FirstRunError && firstFailure == "" {
			firstFailure = path
		}
		res.Elapsed = time.Since(start)
		results = append(results, res)
		if opt.Progress != nil {
			opt.Progress(k+1, len(scripts), path, &results[len(results)-1])
		}
	}
	return results, nil
}

type runner struct {
	srv    Server
	opt    Options
	prefix string
}

// scratchPrefix names this run's databases so that two runs on one
// server never meet, and so that they are recognisably ours.
func scratchPrefix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("idemlint_verify_%d_%s", os.Getpid(), hex.EncodeToString(b))
}

// file verifies one migration against database a, which holds the
// history before it, and leaves a with the migration applied once. It
// returns the snapshot of a afterwards (nil when the first run failed and
// the state is unknown).
func (r *runner) file(ctx context.Context, a string, script *model.Script, before *Snapshot) (Result, *Snapshot, error) {
	res := Result{Path: script.Path, Script: script}
	plan := Plan(res.Script)
	if len(plan) == 0 {
		// Nothing to run is trivially safe to run again.
		res.Verdict, res.Detail = Safe, NothingToRun
		return res, nil, nil
	}

	if r.opt.Locks {
		var err error
		if res.Locks, err = r.locks(ctx, a, plan); err != nil {
			return res, nil, err
		}
	}

	// First run, on the history.
	failed, runErr, after, err := r.apply(ctx, a, Migrator, plan)
	if err != nil {
		return res, nil, err
	}
	if runErr != nil {
		res.Verdict, res.Failed, res.Detail, res.Position = FirstRunError, failed, r.detail(script, failed, runErr), runErr.Position
		return res, after, nil
	}
	res.FirstRunChanged = !Compare(before, after).Empty()
	if r.opt.KeepFirstRun {
		res.FirstRun = after
	}

	// Second run, on a fork of the state the first left.
	b := r.prefix + "_b"
	if err := r.srv.Fork(ctx, a, b); err != nil {
		return res, after, fmt.Errorf("fork the scratch database: %w", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = r.srv.DropDB(dctx, b)
	}()
	base := after
	if !r.srv.ExactFork() {
		if base, err = r.snapshot(ctx, b); err != nil {
			return res, after, err
		}
	}
	failed, runErr, second, err := r.apply(ctx, b, Migrator, plan)
	if err != nil {
		return res, after, err
	}
	if runErr != nil {
		res.Verdict, res.Failed, res.Detail, res.Position = RerunError, failed, r.detail(script, failed, runErr), runErr.Position
		return res, after, nil
	}
	res.Diff = Compare(base, second)
	if res.Diff.Empty() {
		res.Verdict = Safe
	} else {
		res.Verdict, res.Detail = Diverges, res.Diff.String()
		if at, ok := r.attribute(ctx, a, plan, res.Diff); ok {
			res.Changed, res.Also = at.First, at.Also
		} else {
			res.Changed = guessCulprit(script, plan, res.Diff)
			res.Guessed = res.Changed != nil
		}
		if err := ctx.Err(); err != nil {
			return res, after, err
		}
	}
	return res, after, nil
}

// apply runs a plan on a database in a new session, the way a migration
// tool does: each unit in its own transaction when the framework says so,
// stopping at the first error. It returns the failing statement and the
// server's error, and a snapshot of the database afterwards. err is set
// only when the server itself failed.
func (r *runner) apply(ctx context.Context, db string, as Account, plan []Unit) (failed *Stmt, runErr *ServerError, snap *Snapshot, err error) {
	sess, err := r.srv.Open(ctx, db, as, r.opt.Timeout)
	if err != nil {
		return nil, nil, nil, err
	}
	closed := false
	defer func() {
		if !closed {
			sess.Close()
		}
	}()
	// The server enforces the timeout; this one catches a server that
	// stops answering, or a statement the server does not limit (MySQL 8
	// limits only SELECT).
	hung := false
	send := func(st *Stmt) error {
		sctx, cancel := context.WithTimeout(ctx, r.opt.Timeout+10*time.Second)
		defer cancel()
		var e error
		if st.Data != nil {
			e = sess.CopyFrom(sctx, st.Text, st.Data)
		} else {
			e = sess.Exec(sctx, st.Text)
		}
		hung = e != nil && ctx.Err() == nil && errors.Is(sctx.Err(), context.DeadlineExceeded)
		return e
	}
	exec := func(text string) error { return send(&Stmt{Text: text}) }
	fail := func(st *Stmt, e error) {
		var se *ServerError
		switch {
		case errors.As(e, &se):
		case hung:
			se = &ServerError{Message: "no answer from the server: " + e.Error(), Timeout: true}
		default:
			// The connection broke (the statement may have killed it):
			// that is this statement's doing, told as such.
			se = &ServerError{Message: "the connection failed: " + e.Error()}
		}
		failed, runErr = st, se
	}
run:
	for i := range plan {
		u := &plan[i]
		if u.InTx {
			if e := exec("BEGIN"); e != nil {
				fail(&u.Stmts[0], e)
				break
			}
		}
		for j := range u.Stmts {
			if e := ctx.Err(); e != nil {
				return nil, nil, nil, e
			}
			if e := send(&u.Stmts[j]); e != nil {
				if ctx.Err() != nil {
					return nil, nil, nil, ctx.Err()
				}
				fail(&u.Stmts[j], e)
				if u.InTx {
					_ = exec("ROLLBACK")
				}
				break run
			}
		}
		if u.InTx {
			if e := exec("COMMIT"); e != nil {
				fail(&u.Stmts[len(u.Stmts)-1], e)
				break
			}
		}
	}
	// The snapshot is the administrator's, in a session of its own: it
	// must see every row, whatever the migrations granted or revoked, and
	// only what they committed.
	sess.Close()
	closed = true
	snap, err = r.snapshot(ctx, db)
	if err != nil {
		return nil, nil, nil, err
	}
	return failed, runErr, snap, nil
}

// detail is a failure's text for the reader: the server's message, and
// for a statement stopped by the time limit, which statement and the
// limit.
func (r *runner) detail(s *model.Script, failed *Stmt, e *ServerError) string {
	msg := r.scrub(e.Message)
	if !e.Timeout || failed == nil {
		return msg
	}
	return fmt.Sprintf("the statement on line %d ran past the --timeout of %s and was stopped: %s",
		s.Lines.Position(failed.Span.Start).Line, r.opt.Timeout, msg)
}

// scrub takes the scratch databases' names out of a server message
// (MySQL qualifies table names with them): they change on every run and
// mean nothing to the reader.
func (r *runner) scrub(msg string) string {
	for _, db := range []string{r.prefix + "_a", r.prefix + "_b"} {
		msg = strings.ReplaceAll(msg, db+".", "")
		msg = strings.ReplaceAll(msg, db, "the scratch database")
	}
	return msg
}

// setup runs a set-up file on the scratch database; any error stops the
// run, since every verdict would be built on it.
func (r *runner) setup(ctx context.Context, db, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--setup: %w", err)
	}
	s := parser.Parse(path, src, parser.Options{Dialect: r.opt.Dialect, Target: r.opt.Target, Framework: model.FrameworkUndefined})
	failed, runErr, _, err := r.apply(ctx, db, Admin, Plan(s))
	if err != nil {
		return fmt.Errorf("--setup %s: %w", path, err)
	}
	if runErr != nil {
		return fmt.Errorf("--setup %s:%d: %s", path, s.Lines.Position(failed.Span.Start).Line, r.scrub(runErr.Message))
	}
	return nil
}

// Apply runs a migration once on database db of srv, as the migration
// account, the way a run's first pass does, to build a history that
// Options.Base then copies. It refuses what RunScripts refuses. It
// returns the statement that failed and the server's error, or err when
// the server itself failed.
func Apply(ctx context.Context, srv Server, db string, s *model.Script, opt Options) (*Stmt, *ServerError, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	scripts := []*model.Script{s}
	if refused := Check(scripts, srv.Throwaway()); len(refused) > 0 && (!opt.AllowUnsafe || !srv.Throwaway()) {
		return nil, nil, &RefusedError{Refusals: refused}
	}
	r := &runner{srv: srv, opt: opt}
	var plan []Unit
	if q := ledgerSQL(s.Framework, opt.Dialect); q != "" {
		plan = append(plan, Unit{Stmts: []Stmt{{Text: q}}})
	}
	failed, runErr, _, err := r.apply(ctx, db, Migrator, append(plan, Plan(s)...))
	return failed, runErr, err
}

// errOrNil keeps a nil *ServerError from becoming a non-nil error.
func errOrNil(e *ServerError) error {
	if e == nil {
		return nil
	}
	return e
}

// snapshot reads a database's state in a session of its own.
func (r *runner) snapshot(ctx context.Context, db string) (*Snapshot, error) {
	sess, err := r.srv.Open(ctx, db, Admin, r.opt.Timeout)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	s, err := sess.Snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return s, nil
}
