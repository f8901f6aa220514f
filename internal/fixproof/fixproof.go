package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/idemlint/idemlint/fix"
	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
	"github.com/idemlint/idemlint/verify"
)

// Options steer a proof.
type Options struct {
	// Dialect of every file; zero: a directory named after a dialect in
	// the file's path (testdata/rules/<rule>/mysql/x.sql), else what the
	// parser infers.
	Dialect model.Dialect
	// Target is the server version the files are linted and fixed for;
	// zero: the dialect's default.
	Target model.Target
	// Timeout limits each statement on the server; zero: verify's default.
	Timeout time.Duration
	// History reads the files given to Prove as one migration history, in
	// the order given: each file runs on a copy of the database the
	// originals before it built, instead of an empty one, so that a
	// migration that alters an earlier one's table can run.
	History bool

	// base is the history database of the file being proved.
	base string
}

// maxPasses bounds the fix-relint loop, as --fix bounds it: a keyword fix
// and a rewrite of the same statement take two passes, and a fix that
// keeps drawing a fixable finding is a bug to report, not to loop on.
const maxPasses = 4

// File is one file's proof.
type File struct {
	Path    string
	Dialect model.Dialect
	Target  model.Target
	// Source is the original text, Fixed the text after the fix passes
	// (equal to Source when nothing applied), Passes how many changed it.
	Source, Fixed []byte
	Passes        int
	// Fixable counts the original's findings that carry a fix.
	Fixable int
	// Refused says why the fixer left the file alone (the parser did not
	// read all of it), "" when it did not.
	Refused string

	// (a) Lint: what is wrong with the fixed text's findings: a finding
	// that still carries a fix, one the original did not have, a fix whose
	// text does not parse, a loop that does not settle. Empty: clean.
	Lint []string
	// Unmasked are findings the fixed text draws on statements the fix
	// did not write, which the original did not draw: the fix uncovers
	// them (see judgeLint). Not a failure: the linter reports them.
	Unmasked []string

	// Ran says the server part ran (a fixed file of the server's dialect).
	Ran bool
	// NotRunnable says why the original's first run tells nothing: it
	// fails on the server (a fixture that alters a table it does not
	// create), verify refuses it, or it has nothing to run. The file is
	// then neither a pass nor a failure of (b) and (c).
	NotRunnable string
	// Effect, (b): how the fixed file's first run on a fresh database
	// differs from the original's; empty: the same schema and rows.
	// EffectNote names what differed between two runs of the original as
	// well (a clock, a random value), left out of the comparison.
	Effect     string
	EffectNote string
	// Rerun, (c): why the fixed file is not rerun-safe (the second run
	// failed or changed something); empty: rerun-safe. RerunExcused is
	// set instead when the statement to blame still carries a finding
	// that has no fix: the linter says so, so the fix is not at fault.
	Rerun        string
	RerunExcused string
	// RerunGap is set instead when the statement to blame is one the fix
	// did not write and no rule flags it: the second run now gets past
	// the fixed statements and stops there, a gap in the rules, not in
	// the fix.
	RerunGap string
	// Server names the server the file ran on.
	Server string
}

// HasFix says the original had a finding with a fix and the fixer took
// the file.
func (f *File) HasFix() bool { return f.Fixable > 0 }

// Changed says the fix changed the text.
func (f *File) Changed() bool { return f.Passes > 0 }

// Runnable says the server part ran both versions.
func (f *File) Runnable() bool { return f.Ran && f.NotRunnable == "" }

// Failures lists the checks the file fails, each with its reason: what a
// test fails on and the command lists.
func (f *File) Failures() []string {
	var out []string
	for _, l := range f.Lint {
		out = append(out, "(a) "+l)
	}
	if f.Runnable() {
		if f.Effect != "" {
			out = append(out, "(b) "+f.Effect)
		}
		if f.Rerun != "" {
			out = append(out, "(c) "+f.Rerun)
		}
	}
	return out
}

// Prove lints and fixes each file the way --fix does, then, for the files
// the fix changed, runs the original and the fixed text on srv (each on
// fresh databases, dropped afterwards) and checks (a) the fixed text
// draws no finding with a fix and no finding the original lacked, (b) its
// first run leaves the schema and rows the original's first run left,
// (c) it is rerun-safe. Files of another dialect family than the server
// are fixed and linted but not run. The error is the server's failure;
// the files proved so far come back with it.
func Prove(ctx context.Context, srv verify.Server, paths []string, opt Options) (out []*File, err error) {
	var broke string // the first file whose original failed on the history
	if opt.History {
		opt.base = historyName()
		if err := srv.CreateDB(ctx, opt.base); err != nil {
			return nil, fmt.Errorf("create the history database: %w", err)
		}
		defer func() {
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			err = errors.Join(err, srv.DropDB(dctx, opt.base))
		}()
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return out, err
		}
		f := Fix(p, src, opt)
		out = append(out, f)
		if !sameFamily(f.Dialect, srv) {
			continue
		}
		if f.Changed() {
			if err := Run(ctx, srv, f, opt); err != nil {
				return out, fmt.Errorf("%s: %w", safetext.Path(p), err)
			}
			if f.NotRunnable != "" && broke != "" {
				f.NotRunnable += " (the history is incomplete: " + broke + ")"
			}
		}
		if opt.History {
			// The original goes into the history, as production ran it.
			s := parser.Parse(p, src, parser.Options{Dialect: f.Dialect, Target: f.Target})
			failed, runErr, err := verify.Apply(ctx, srv, opt.base, s, verify.Options{Dialect: f.Dialect, Target: f.Target, Timeout: opt.Timeout})
			var refused *verify.RefusedError
			switch {
			case errors.As(err, &refused):
				if broke == "" {
					broke = safetext.Path(p) + " was refused"
				}
			case err != nil:
				return out, fmt.Errorf("%s: %w", safetext.Path(p), err)
			case runErr != nil && broke == "":
				broke = safetext.Path(p) + at(s, failed) + " failed: " + safetext.Inline(runErr.Message)
			}
		}
	}
	return out, nil
}

// historyName names a history database; MySQL's migration account may
// use only databases named idemlint_verify_*.
func historyName() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("idemlint_verify_%d_%s_history", os.Getpid(), hex.EncodeToString(b))
}

// sameFamily says whether a file of dialect d runs on srv.
func sameFamily(d model.Dialect, srv verify.Server) bool {
	pg := strings.HasPrefix(srv.Describe(), "PostgreSQL")
	return d == model.Postgres && pg || d.MySQLFamily() && !pg
}

// PathDialect reads a file's dialect from a directory in its path named
// like one (postgres/, mysql/, mariadb/), as the rule fixtures are laid
// out.
func PathDialect(path string) model.Dialect {
	dir := filepath.ToSlash(filepath.Dir(path))
	parts := strings.Split(dir, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		switch parts[i] {
		case "postgres", "postgresql":
			return model.Postgres
		case "mysql":
			return model.MySQL
		case "mariadb":
			return model.MariaDB
		}
	}
	return model.DialectUnknown
}

// linter parses and lints a file's text the way the command does with
// no configuration: every rule, the dialect and target fixed for the
// file.
type linter struct {
	path string
	opt  parser.Options
}

func (l linter) lint(src []byte) (*model.Script, []rules.Finding) {
	s := parser.Parse(l.path, src, l.opt)
	return s, rules.Run(s, nil)
}

// Fix lints a file and fixes it in passes until nothing changes (at most
// maxPasses), and judges the fixed text's findings (a).
func Fix(path string, src []byte, opt Options) *File {
	f := &File{Path: path, Source: src, Fixed: src}
	popt := parser.Options{Dialect: opt.Dialect, Target: opt.Target}
	if popt.Dialect == model.DialectUnknown && opt.Target.IsZero() {
		popt.Dialect = PathDialect(path)
	}
	l := linter{path: path, opt: popt}
	s, orig := l.lint(src)
	f.Dialect, f.Target = s.Dialect, s.Target
	// Later passes read the text as the first did, whatever it now hints.
	l.opt.Dialect, l.opt.Target = s.Dialect, s.Target
	f.Fixable = countFixes(orig)
	if f.Fixable == 0 {
		return f
	}
	script, findings := s, orig
	for {
		res, refused := fix.File(script, findings)
		if refused != "" {
			if f.Passes == 0 {
				f.Refused = refused
			} else {
				// The parser read the original whole: a pass that makes it
				// refuse broke the text.
				f.Lint = append(f.Lint, fmt.Sprintf("after pass %d the fixer refuses the text: %s", f.Passes, refused))
			}
			return f
		}
		if !res.Changed() {
			if f.Passes == 0 {
				f.Refused = fmt.Sprintf("none of its %d fixes applies (they leave the statements or collide)", len(res.Skipped))
			}
			break
		}
		if f.Passes == maxPasses {
			f.Lint = append(f.Lint, fmt.Sprintf("the fixes do not settle: pass %d still changes the text", maxPasses+1))
			break
		}
		f.Passes++
		f.Fixed = res.Source
		script, findings = l.lint(res.Source)
		if n, was := countRule(findings, rules.SyntaxError), countRule(orig, rules.SyntaxError); n > was {
			// --fix would refuse to write this; the harness calls it what
			// it is, a fix that breaks the SQL.
			f.Lint = append(f.Lint, fmt.Sprintf("pass %d leaves text that does not parse: %s", f.Passes, firstOf(script, findings, rules.SyntaxError)))
			return f
		}
	}
	fail, unmasked := judgeLint(orig, src, script, findings)
	f.Lint, f.Unmasked = append(f.Lint, fail...), unmasked
	return f
}

// judgeLint is check (a): the fixed text's findings, against the
// original's. A finding that still carries a fix means a fix did not take
// (it collided, or it does not silence its finding); a finding the
// original did not have means a fix made something new to complain about.
// Findings are matched by rule and message, which name objects, not
// places (the fix moves lines), then by rule alone: a finding whose
// statement the fix wrapped may be worded for the new statement (DDL in
// a transaction, now sent through PREPARE). A new finding on a statement
// the fix left as it was is not the fix's text but what it uncovers: the
// statement the fix guarded used to fail before a second run reached it
// (an INSERT into a table the file creates); those come back in
// unmasked.
func judgeLint(orig []rules.Finding, src []byte, fs *model.Script, fixed []rules.Finding) (failures, unmasked []string) {
	had := map[string]int{}
	hadRule := map[string]int{}
	for _, f := range orig {
		had[f.Rule.ID+"\x00"+f.Message]++
		hadRule[f.Rule.ID]++
	}
	var left []rules.Finding
	for _, f := range fixed {
		if f.Fix != nil {
			failures = append(failures, fmt.Sprintf("line %d: %s still has a fix: %s", fs.Lines.Line(f.Span.Start), f.Rule.ID, safetext.Inline(f.Message)))
			continue
		}
		if k := f.Rule.ID + "\x00" + f.Message; had[k] > 0 {
			had[k]--
			hadRule[f.Rule.ID]--
			continue
		}
		left = append(left, f)
	}
	for _, f := range left {
		if hadRule[f.Rule.ID] > 0 {
			hadRule[f.Rule.ID]--
			continue
		}
		msg := fmt.Sprintf("line %d: new %s: %s", fs.Lines.Line(f.Span.Start), f.Rule.ID, safetext.Inline(f.Message))
		if untouched(fs, f.Span.Start, src) {
			unmasked = append(unmasked, msg)
		} else {
			failures = append(failures, msg)
		}
	}
	return failures, unmasked
}

// untouched says whether the top-level statement at off in the fixed
// script appears, byte for byte, in the original text: the fixes did not
// write it.
func untouched(s *model.Script, off int, orig []byte) bool {
	for _, st := range s.Statements {
		if st.Span.Start <= off && off < max(st.Span.End, st.Span.Start+1) {
			return bytes.Contains(orig, s.Source[st.Span.Start:st.Span.End])
		}
	}
	return false
}

// Run is the server part for a fixed file: the original and the fixed
// text each go through verify (first run on a fresh database, second run
// on a copy of what the first left), and their first runs' snapshots are
// compared. The error is the server's failure, not a migration's.
func Run(ctx context.Context, srv verify.Server, f *File, opt Options) error {
	f.Ran, f.Server = true, srv.Describe()
	popt := parser.Options{Dialect: f.Dialect, Target: f.Target}
	orig := parser.Parse(f.Path, f.Source, popt)
	fixed := parser.Parse(f.Path, f.Fixed, popt)
	vopt := verify.Options{Dialect: f.Dialect, Target: f.Target, Timeout: opt.Timeout, KeepFirstRun: true, Base: opt.base}
	run := func(s *model.Script) (*verify.Result, error) {
		rs, err := verify.RunScripts(ctx, srv, []*model.Script{s}, vopt)
		if err != nil {
			return nil, err
		}
		return &rs[0], nil
	}

	o, err := run(orig)
	var refused *verify.RefusedError
	switch {
	case errors.As(err, &refused):
		f.NotRunnable = "verify refuses it: " + refused.Refusals[0].String()
		return nil
	case err != nil:
		return err
	case o.Detail == verify.NothingToRun:
		f.NotRunnable = "it has nothing to run"
		return nil
	case o.Verdict == verify.FirstRunError:
		f.NotRunnable = "the original's first run fails" + at(orig, o.Failed) + ": " + safetext.Inline(o.Detail)
		return nil
	}

	x, err := run(fixed)
	switch {
	case errors.As(err, &refused):
		// The original ran: what the fix added is what verify refuses.
		f.Effect = "verify refuses the fixed text: " + refused.Refusals[0].String()
		f.Rerun = f.Effect
		return nil
	case err != nil:
		return err
	case x.Detail == verify.NothingToRun:
		f.Effect, f.Rerun = "the fixed text has nothing to run", ""
		return nil
	case x.Verdict == verify.FirstRunError:
		f.Effect = "the fixed text's first run fails" + at(fixed, x.Failed) + ": " + safetext.Inline(x.Detail)
		f.Rerun = "its first run fails"
		return nil
	}

	if d := verify.Compare(o.FirstRun, x.FirstRun); !d.Empty() {
		// A clock or a random value differs between any two runs: run the
		// original once more, and leave out what differs there as well.
		again, err := run(orig)
		if err != nil {
			return err
		}
		var noise verify.Diff
		if again.FirstRun != nil {
			noise = verify.Compare(o.FirstRun, again.FirstRun)
		}
		left, dropped := without(d, noise)
		if !left.Empty() {
			f.Effect = "its first run leaves another state than the original's: " + safetext.Inline(left.String())
		}
		if len(dropped) > 0 {
			f.EffectNote = "differs between two runs of the original too: " + safetext.Inline(strings.Join(dropped, ", "))
		}
	}

	if x.Verdict != verify.Safe {
		why := string(x.Verdict) + at(fixed, culprit(x)) + ": " + safetext.Inline(x.Detail)
		switch st := culprit(x); {
		case unfixedAt(fixed, st, f.Source) != "":
			f.RerunExcused = why + " (" + unfixedAt(fixed, st, f.Source) + ")"
		case st != nil && untouched(fixed, st.Span.Start, f.Source):
			f.RerunGap = why + " (a statement the fix did not write, which no rule flags)"
		default:
			f.Rerun = why
		}
	}
	return nil
}

// culprit is the statement verify blames for an unsafe second run.
func culprit(r *verify.Result) *verify.Stmt {
	if r.Failed != nil {
		return r.Failed
	}
	return r.Changed
}

func at(s *model.Script, st *verify.Stmt) string {
	if st == nil {
		return ""
	}
	return fmt.Sprintf(" at line %d", s.Lines.Line(st.Span.Start))
}

// unfixedAt names the re-run finding without a fix that the fixed text
// still draws on the statement verify blames; "" when there is none, so
// the fix is at fault. When verify names no statement, or one the fixes
// did not write (a CALL of a procedure whose body keeps a finding), any
// such finding in the file is named: the second run may fail there.
func unfixedAt(s *model.Script, st *verify.Stmt, orig []byte) string {
	anywhere := st == nil || untouched(s, st.Span.Start, orig)
	for _, f := range rules.Run(s, nil) {
		if f.Rule.Category != rules.Rerun || f.Fix != nil {
			continue
		}
		if anywhere || f.Span.Start < st.Span.End && st.Span.Start < max(f.Span.End, f.Span.Start+1) {
			return fmt.Sprintf("line %d still draws %s, which has no fix", s.Lines.Line(f.Span.Start), f.Rule.ID)
		}
	}
	return ""
}

// without takes out of d what also changed in noise, by object and by
// table; it returns what is left and what it took.
func without(d, noise verify.Diff) (verify.Diff, []string) {
	drop := map[string]bool{}
	for _, s := range noise.Schema {
		drop[s[1:]] = true
	}
	for _, r := range append(append([]string(nil), noise.Rows...), noise.Contents...) {
		drop[tableOf(r)] = true
	}
	var left verify.Diff
	var dropped []string
	for _, s := range d.Schema {
		if drop[s[1:]] {
			dropped = append(dropped, s[1:])
		} else {
			left.Schema = append(left.Schema, s)
		}
	}
	for _, r := range d.Rows {
		if drop[tableOf(r)] {
			dropped = append(dropped, "rows of "+tableOf(r))
		} else {
			left.Rows = append(left.Rows, r)
		}
	}
	for _, t := range d.Contents {
		if drop[t] {
			dropped = append(dropped, "rows of "+t)
		} else {
			left.Contents = append(left.Contents, t)
		}
	}
	sort.Strings(dropped)
	return left, dropped
}

// tableOf reads the table out of a Diff.Rows entry ("t 1 → 2") or a
// Contents one ("t").
func tableOf(entry string) string {
	// The counts are the last three words; a table name may hold blanks.
	if w := strings.Split(entry, " "); len(w) >= 4 && w[len(w)-2] == "→" {
		return strings.Join(w[:len(w)-3], " ")
	}
	return entry
}

func countFixes(fs []rules.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			n++
		}
	}
	return n
}

func countRule(fs []rules.Finding, r *rules.Rule) int {
	n := 0
	for _, f := range fs {
		if f.Rule == r {
			n++
		}
	}
	return n
}

func firstOf(s *model.Script, fs []rules.Finding, r *rules.Rule) string {
	for _, f := range fs {
		if f.Rule == r {
			return fmt.Sprintf("line %d: %s", s.Lines.Line(f.Span.Start), safetext.Inline(f.Message))
		}
	}
	return ""
}
