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
	// Open starts a session on a database with the per-statement timeout
	// set on the server side.
	Open(ctx context.Context, db string, timeout time.Duration) (Session, error)
	// Close stops a server verify started and removes its files; on a
	// server given by --dsn it closes the connections.
	Close() error
}

// Session is one connection to a database.
type Session interface {
	// Exec runs one statement (or a script the tool sends whole). A
	// rejection by the server is a *ServerError; other errors mean the
	// connection is gone.
	Exec(ctx context.Context, text string) error
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
	// FirstRunChanged is false when the first run left no visible trace
	// (e.g. an UPDATE of an empty table): a clean second run then proves
	// little.
	FirstRunChanged bool
	// AffectedBy names the earliest earlier file whose first run failed:
	// this file ran on an incomplete history.
	AffectedBy string
	Elapsed    time.Duration
}

// NothingToRun is the detail of a file with no up statements.
const NothingToRun = "no statements to run"

// DefaultTimeout is the per-statement limit when none is given.
const DefaultTimeout = 30 * time.Second

// Run verifies files in the order given on srv. It returns an error when
// the server fails (not when a migration does); the results gathered so
// far come back with it.
func Run(ctx context.Context, srv Server, files []string, opt Options) ([]Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	r := &runner{srv: srv, opt: opt, prefix: scratchPrefix()}
	scripts := make([]*model.Script, len(files))
	var frameworks []model.Framework
	seen := map[model.Framework]bool{}
	for i, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		scripts[i] = parser.Parse(path, src, parser.Options{Dialect: opt.Dialect, Framework: opt.Framework})
		if fw := scripts[i].Framework; !seen[fw] {
			seen[fw] = true
			frameworks = append(frameworks, fw)
		}
	}
	a := r.prefix + "_a"
	if err := srv.CreateDB(ctx, a); err != nil {
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
		if _, runErr, _, err := r.apply(ctx, a, ledger); err != nil || runErr != nil {
			return nil, fmt.Errorf("create the migration ledger: %w", errors.Join(err, errOrNil(runErr)))
		}
	}
	for _, path := range opt.Setup {
		if err := r.setup(ctx, a, path); err != nil {
			return nil, err
		}
	}
	prev, err := r.snapshot(ctx, a)
	if err != nil {
		return nil, err
	}
	var results []Result
	firstFailure := ""
	for k, path := range files {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		if opt.Progress != nil {
			opt.Progress(k+1, len(files), path, nil)
		}
		start := time.Now()
		res, snap, err := r.file(ctx, a, scripts[k], prev)
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
			opt.Progress(k+1, len(files), path, &results[len(results)-1])
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

	// First run, on the history.
	failed, runErr, after, err := r.apply(ctx, a, plan)
	if err != nil {
		return res, nil, err
	}
	if runErr != nil {
		res.Verdict, res.Failed, res.Detail, res.Position = FirstRunError, failed, r.scrub(runErr.Message), runErr.Position
		return res, after, nil
	}
	res.FirstRunChanged = !Compare(before, after).Empty()

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
	failed, runErr, second, err := r.apply(ctx, b, plan)
	if err != nil {
		return res, after, err
	}
	if runErr != nil {
		res.Verdict, res.Failed, res.Detail, res.Position = RerunError, failed, r.scrub(runErr.Message), runErr.Position
		return res, after, nil
	}
	res.Diff = Compare(base, second)
	if res.Diff.Empty() {
		res.Verdict = Safe
	} else {
		res.Verdict, res.Detail = Diverges, res.Diff.String()
	}
	return res, after, nil
}

// apply runs a plan on a database in a new session, the way a migration
// tool does: each unit in its own transaction when the framework says so,
// stopping at the first error. It returns the failing statement and the
// server's error, and a snapshot of the database afterwards. err is set
// only when the server itself failed.
func (r *runner) apply(ctx context.Context, db string, plan []Unit) (failed *Stmt, runErr *ServerError, snap *Snapshot, err error) {
	sess, err := r.srv.Open(ctx, db, r.opt.Timeout)
	if err != nil {
		return nil, nil, nil, err
	}
	closed := false
	defer func() {
		if !closed {
			sess.Close()
		}
	}()
	exec := func(text string) error {
		// The server enforces the timeout; this one only catches a server
		// that stops answering.
		sctx, cancel := context.WithTimeout(ctx, r.opt.Timeout+10*time.Second)
		defer cancel()
		return sess.Exec(sctx, text)
	}
	fail := func(st *Stmt, e error) {
		var se *ServerError
		if !errors.As(e, &se) {
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
			if e := exec(u.Stmts[j].Text); e != nil {
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
	// A broken session cannot take the snapshot: use a fresh one.
	if runErr != nil {
		sess.Close()
		closed = true
		snap, err = r.snapshot(ctx, db)
		return failed, runErr, snap, err
	}
	snap, err = sess.Snapshot(ctx)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: %w", err)
	}
	return failed, runErr, snap, nil
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
	s := parser.Parse(path, src, parser.Options{Dialect: r.opt.Dialect, Framework: model.FrameworkUndefined})
	failed, runErr, _, err := r.apply(ctx, db, Plan(s))
	if err != nil {
		return fmt.Errorf("--setup %s: %w", path, err)
	}
	if runErr != nil {
		return fmt.Errorf("--setup %s:%d: %s", path, s.Lines.Position(failed.Span.Start).Line, r.scrub(runErr.Message))
	}
	return nil
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
	sess, err := r.srv.Open(ctx, db, r.opt.Timeout)
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
