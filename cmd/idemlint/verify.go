package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/report"
	"github.com/idemlint/idemlint/rules"
	"github.com/idemlint/idemlint/verify"
)

// verifyOptions are the verify command's flags.
type verifyOptions struct {
	dialect, framework string
	target             string
	dsn                string
	timeout            time.Duration
	format, output     string
	failOn             string
	verdicts           string
	setup              []string
	keep, noColor      bool
	quiet, help        bool
	allowUnsafe        bool
	locks              bool
}

func newVerifyFlags(o *verifyOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("idemlint verify", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.Usage = func() {}
	fs.StringVar(&o.dialect, "dialect", "", "SQL dialect of the migrations and the server to run them on: postgres, mysql or mariadb (required unless --target is given)")
	fs.StringVar(&o.target, "target", "", "server version the migrations run on (postgres:15, mysql:8.0, ...); sets the dialect, and a server of another version draws a warning")
	fs.StringVar(&o.framework, "framework", "", "migration framework of every file: "+frameworkNames()+" or none (default: inferred per file)")
	fs.StringVar(&o.dsn, "dsn", "", "use this existing server instead of starting one (a libpq string or URL for postgres; user:pass@tcp(host:port)/db or mysql://... for mysql and mariadb); verify creates and drops only its own idemlint_verify_* databases")
	fs.StringSliceVar(&o.setup, "setup", nil, "run these SQL `FILE`s once on the scratch database before the first migration (roles, extensions, schemas production has)")
	fs.DurationVar(&o.timeout, "timeout", verify.DefaultTimeout, "limit on each statement")
	fs.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning or none")
	fs.StringVar(&o.verdicts, "verdicts", "", "also write every file's verdict to `FILE` as TSV (file, verdict, detail, diff_kinds)")
	fs.BoolVar(&o.allowUnsafe, "allow-unsafe", false, "on verify's own server only (not with --dsn): run the migrations as the server's superuser, including statements that reach outside the scratch database (files, programs, roles, settings); only for migrations you trust")
	fs.BoolVar(&o.locks, "locks", false, "also record what each statement locks: on PostgreSQL the locks it takes on relations that existed before its migration and the tables it rewrites, on MySQL/MariaDB the algorithm (INSTANT, INPLACE, COPY) the server accepts for each ALTER TABLE; in the JSON report's \"statements\" and, for statements that block writes, after the text report")
	fs.BoolVar(&o.keep, "keep", false, "keep the scratch server's folder (data, socket, log) for debugging and say where it is")
	fs.BoolVar(&o.noColor, "no-color", false, "never colour the output")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on standard error")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func verifyUsage(fs *pflag.FlagSet) string {
	return `idemlint verify applies each migration twice to a throwaway database and
reports what the second run did: rerun-safe, rerun-error (the server's
error, on the failing statement), rerun-diverges (what changed), or
first-run-error (the migration failed on its first run).

Usage:
  idemlint verify --dialect DIALECT [flags] PATH...

Files are applied in the order given; the files of a directory in the
order their framework applies them (versions in natural order, Flyway
versions by number and repeatables last, folder-per-migration layouts by
folder). Down files and down sections are not run.

Without --dsn, verify starts its own server from the local installation
(PostgreSQL's initdb and postgres; for --dialect mysql a mysqld whose
--version says MySQL, for mariadb a MariaDB server, and the other only
when it is all there is, with a warning of what goes unchecked), on a
unix socket in a temporary folder that is removed afterwards, and runs
the migrations there as an account that owns the scratch databases and
nothing else. Before anything runs, verify refuses migrations with
statements that reach outside the scratch database (COPY ... PROGRAM,
server files, ALTER SYSTEM, other databases, USE, superuser roles,
untrusted languages, ...); with --dsn also statements that change roles,
accounts or privileges every database of the server shares. See
docs/security.md.

Flags:
` + fs.FlagUsages() + `
Exit status: 0 when no verdict reaches --fail-on, 1 when one does (every
verdict but rerun-safe is an error, first-run-error included: a
migration that never applies fails the run), 2 on usage errors and when
no server could be used.
`
}

func cmdVerify(args []string, e env) int {
	var o verifyOptions
	fs := newVerifyFlags(&o)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(e.stdout, verifyUsage(fs))
			return exitOK
		}
		return usageFail(e, err)
	}
	if o.help {
		fmt.Fprint(e.stdout, verifyUsage(fs))
		return exitOK
	}
	var target model.Target
	if o.target != "" {
		t, err := model.ParseTarget(o.target)
		if err != nil {
			return usageFail(e, usagef("--target: %v", err))
		}
		if o.dialect != "" {
			if d, err := model.ParseDialect(o.dialect); err == nil && d != t.Dialect {
				return usageFail(e, usagef("--target %s is not a %s server: drop --dialect, the target sets it", t, d))
			}
		}
		target, o.dialect = t, t.Dialect.String()
	}
	if o.dialect == "" {
		return usageFail(e, usagef("verify needs --dialect or --target: postgres, mysql or mariadb (it decides which server runs the migrations)"))
	}
	dialect, err := model.ParseDialect(o.dialect)
	if err != nil {
		return usageFail(e, usagef("--dialect: %v", err))
	}
	if target.IsZero() {
		target = model.DefaultTarget(dialect)
	}
	var fw model.Framework
	if o.framework != "" {
		if fw, err = model.ParseFramework(o.framework); err != nil {
			return usageFail(e, usagef("--framework: %v (want %s or none)", err, frameworkNames()))
		}
	}
	write, ok := report.Lookup(o.format)
	if !ok {
		return usageFail(e, usagef("--format: unknown format %q (want %s)", o.format, strings.Join(report.Formats(), ", ")))
	}
	var failAt rules.Severity
	switch strings.ToLower(o.failOn) {
	case "error":
		failAt = rules.Error
	case "warning", "warn":
		failAt = rules.Warning
	case "none", "never":
		failAt = rules.SeverityNone
	default:
		return usageFail(e, usagef("--fail-on: unknown level %q (want error, warning or none)", o.failOn))
	}
	if o.timeout <= 0 {
		return usageFail(e, usagef("--timeout: want a positive duration such as 30s, got %s", o.timeout))
	}
	if o.allowUnsafe && o.dsn != "" {
		return usageFail(e, usagef("--allow-unsafe works only on verify's own throwaway server: with --dsn, statements that reach outside the scratch databases never run"))
	}
	if fs.NArg() == 0 {
		return usageFail(e, usagef("no migrations to verify (give files or directories)"))
	}
	files, err := verify.Collect(fs.Args())
	if err != nil {
		sayError(e.stderr, err)
		return exitTrouble
	}
	if len(files) == 0 {
		say(e.stderr, "no up migrations (*.sql) under %s", strings.Join(fs.Args(), " "))
		return exitTrouble
	}

	vopt := verify.Options{Dialect: dialect, Target: target, Framework: fw, Timeout: o.timeout, Setup: o.setup, AllowUnsafe: o.allowUnsafe, Locks: o.locks}
	scripts, err := verify.Load(files, vopt)
	if err != nil {
		sayError(e.stderr, err)
		return exitTrouble
	}
	// Refuse before a server starts; RunScripts checks again.
	refused := verify.Check(scripts, o.dsn == "")
	if len(refused) > 0 && !o.allowUnsafe {
		say(e.stderr, "verify refuses to run these migrations: %d statements reach outside the scratch database (see docs/security.md):", len(refused))
		for _, r := range refused {
			say(e.stderr, "%s", r)
		}
		if o.dsn == "" {
			say(e.stderr, "if you trust these migrations, --allow-unsafe runs them on verify's own throwaway server as its superuser")
		}
		return exitTrouble
	}
	if o.allowUnsafe {
		say(e.stderr, "WARNING: --allow-unsafe: the migrations run as the throwaway server's superuser, which can read and write files and run programs on this machine as the server's account; %d statements reach outside the scratch database, and verdicts cover only the scratch database", len(refused))
		for _, r := range refused {
			say(e.stderr, "WARNING: %s", r)
		}
	}

	// Ctrl-C and SIGTERM stop the run between statements (or cancel the
	// running one); the server is then stopped and its folder removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv, err := openServer(ctx, dialect, o, e)
	if err != nil {
		sayError(e.stderr, err)
		return exitTrouble
	}
	if w := srv.Warning(); w != "" {
		say(e.stderr, "warning: %s", w)
	}
	// MariaDB standing in for MySQL (or the reverse) must be said where
	// the reader cannot miss it: before the run, and again with the
	// summary after the progress lines.
	mismatch := verify.DialectMismatch(dialect, srv)
	if mismatch != "" {
		say(e.stderr, "warning: %s", mismatch)
	} else if w := verify.TargetMismatch(target, srv); w != "" && o.target != "" {
		// Only a target the user named: the default is a guess.
		say(e.stderr, "warning: %s", w)
	}
	started := time.Now()
	progress := func(k, n int, path string, res *verify.Result) {
		if o.quiet || res == nil {
			return
		}
		line := fmt.Sprintf("verify: file %d of %d: %s: %s", k, n, path, res.Verdict)
		switch {
		case res.Verdict == verify.Safe && res.Detail != "":
			line += " (" + res.Detail + ")"
		case res.Verdict == verify.Safe && !res.FirstRunChanged:
			line += " (the first run changed nothing visible)"
		}
		say(e.stderr, "%s (%.1fs)", line, res.Elapsed.Seconds())
	}
	if !o.quiet {
		say(e.stderr, "verify: %d files on %s", len(files), srv.Describe())
	}
	vopt.Progress = progress
	results, runErr := verify.RunScripts(ctx, srv, scripts, vopt)
	server := srv.Describe()
	if cerr := srv.Close(); cerr != nil {
		say(e.stderr, "stop the scratch server: %v", cerr)
	}
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			say(e.stderr, "verify interrupted; the scratch databases are gone")
		} else {
			sayError(e.stderr, runErr)
		}
		return exitTrouble
	}

	status := exitOK
	var rfiles []report.File
	counts := map[verify.Verdict]int{}
	for i := range results {
		r := &results[i]
		counts[r.Verdict]++
		fds := r.Findings(server)
		rfiles = append(rfiles, report.File{Script: r.Script, Findings: fds})
		for _, f := range fds {
			if failAt != rules.SeverityNone && f.Severity >= failAt {
				status = exitFindings
			}
		}
	}
	if !o.quiet {
		var parts []string
		for _, v := range []verify.Verdict{verify.Safe, verify.RerunError, verify.Diverges, verify.FirstRunError} {
			if counts[v] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[v], v))
			}
		}
		say(e.stderr, "verify: %s on %s in %.1fs", strings.Join(parts, ", "), server, time.Since(started).Seconds())
	}
	if mismatch != "" {
		say(e.stderr, "warning: these verdicts come from %s, not the server --dialect %s names", server, dialect)
	}
	if o.verdicts != "" {
		if err := writeVerdicts(o.verdicts, results); err != nil {
			sayError(e.stderr, err)
			return exitTrouble
		}
	}
	out, closeOut, err := openOutput(o.output, e.stdout)
	if err != nil {
		sayError(e.stderr, err)
		return exitTrouble
	}
	ropt := report.Options{
		Color:   o.output == "" && e.stdoutTTY && !o.noColor && e.getenv("NO_COLOR") == "",
		Root:    repoRoot(),
		Version: moduleVersion(),
		Rules:   []*rules.Rule{rules.FirstRunError, rules.RerunDiverges, rules.RerunError},
		Getenv:  e.getenv,
	}
	err = writeVerifyReport(out, o.format, o.locks, write, rfiles, ropt, results)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		say(e.stderr, "write the report: %v", err)
		return exitTrouble
	}
	return status
}

// openServer starts a throwaway server for the dialect, or connects to
// --dsn.
func openServer(ctx context.Context, d model.Dialect, o verifyOptions, e env) (verify.Server, error) {
	lo := verify.LocalOptions{Keep: o.keep, Log: e.stderr, AllowUnsafe: o.allowUnsafe}
	switch {
	case d == model.Postgres && o.dsn != "":
		return verify.ConnectPostgres(ctx, o.dsn)
	case d == model.Postgres:
		return verify.StartPostgres(ctx, lo)
	case o.dsn != "":
		return verify.ConnectMySQL(ctx, o.dsn)
	default:
		return verify.StartMySQL(ctx, d, lo)
	}
}

// writeVerdicts writes one TSV line per file: path relative to the
// working directory, verdict, detail, the kinds of change.
func writeVerdicts(path string, results []verify.Result) error {
	var b strings.Builder
	b.WriteString("file\tverdict\tdetail\tdiff_kinds\n")
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, r := range results {
		p := filepath.ToSlash(r.Path)
		detail := r.Detail
		if r.Verdict == verify.Safe && !r.FirstRunChanged && detail == "" {
			detail = "run 1 changed nothing visible"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", clean.Replace(p), r.Verdict, clean.Replace(detail), strings.Join(r.Diff.Kinds(), ","))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
