// Command fixproof proves --fix on real servers: for every migration
// with a finding that carries a fix, it applies the fixes the way --fix
// does (re-linting and fixing again until nothing changes), then checks
// (a) the fixed text draws no finding with a fix left and no finding the
// original lacked, (b) run once on a fresh database it leaves the schema
// and rows the original leaves, and (c) run twice it succeeds and the
// second run changes nothing. An original whose first run fails on the
// server (a fixture that alters a table it never creates) proves nothing
// and is listed as not runnable.
//
//	go run ./internal/fixproof [-dialect D] [-target T] [-timeout 30s] [-history] PATH...
//
// With -history each PATH is one migration history (a folder of
// migrations): its up files run in their framework's order, each on a
// copy of the database the originals before it built, so that a
// migration that alters an earlier one's table runs too.
//
// It starts a throwaway PostgreSQL and MariaDB/MySQL server as needed
// (one each, as verify does), prints the counts and every file that
// fails a check, with the reason, and exits 1 when one does (2 on usage
// or server errors). The Go test in this package runs it over the rule
// fixtures.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/verify"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fixproof", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dialect := fl.String("dialect", "", "dialect of every file (postgres, mysql, mariadb); default: from a postgres/, mysql/ or mariadb/ folder in the path, else inferred")
	target := fl.String("target", "", "server version the fixes are written for (postgres:15, mysql:8.0, mariadb:10.11 ...); default: the dialect's")
	timeout := fl.Duration("timeout", 0, "limit for each statement on the server (default: verify's)")
	history := fl.Bool("history", false, "each PATH is one migration history: its up files run in the order their framework applies them, each on a copy of what the originals before it built (down files are left out)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: fixproof [-dialect D] [-target T] [-timeout DUR] [-history] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	var opt Options
	var err error
	if *dialect != "" {
		if opt.Dialect, err = model.ParseDialect(*dialect); err != nil {
			fmt.Fprintln(stderr, "fixproof: -dialect:", err)
			return 2
		}
	}
	if *target != "" {
		if opt.Target, err = model.ParseTarget(*target); err != nil {
			fmt.Fprintln(stderr, "fixproof: -target:", err)
			return 2
		}
		if opt.Dialect != model.DialectUnknown && opt.Dialect != opt.Target.Dialect {
			fmt.Fprintf(stderr, "fixproof: -target %s is not a %s server\n", opt.Target, opt.Dialect)
			return 2
		}
		opt.Dialect = opt.Target.Dialect
	}
	opt.Timeout = *timeout
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	opt.History = *history
	// A unit is what Prove takes at once: every file, or one history.
	var units [][]string
	if opt.History {
		for _, a := range fl.Args() {
			files, err := verify.Collect([]string{a})
			if err != nil {
				fmt.Fprintln(stderr, "fixproof:", err)
				return 2
			}
			units = append(units, files)
		}
	} else {
		paths, err := walk(fl.Args())
		if err != nil {
			fmt.Fprintln(stderr, "fixproof:", err)
			return 2
		}
		units = append(units, paths)
	}

	// One server per family for the whole run, started on first need.
	servers := map[string]verify.Server{}
	defer func() {
		for _, srv := range servers {
			srv.Close()
		}
	}()
	byFamily := map[string][]*File{}
	for _, unit := range units {
		// Fix every file first, to know which servers to start: only a
		// family with a file the fix changed needs one (in a history, the
		// files before it run too). Prove fixes them again: a lint is
		// cheap beside a server run.
		paths := map[string][]string{}
		changed := map[string]model.Dialect{}
		for _, p := range unit {
			src, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(stderr, "fixproof:", err)
				return 2
			}
			f := Fix(p, src, opt)
			fam := family(f.Dialect)
			paths[fam] = append(paths[fam], p)
			if _, ok := changed[fam]; f.Changed() && !ok {
				changed[fam] = f.Dialect
			}
		}
		for _, fam := range []string{"postgres", "mysql", "unknown"} {
			d, ok := changed[fam]
			if !ok || fam == "unknown" {
				for _, p := range paths[fam] {
					src, err := os.ReadFile(p)
					if err != nil {
						fmt.Fprintln(stderr, "fixproof:", err)
						return 2
					}
					byFamily[fam] = append(byFamily[fam], Fix(p, src, opt))
				}
				continue
			}
			srv := servers[fam]
			if srv == nil {
				if srv, err = start(ctx, fam, d); err != nil {
					fmt.Fprintf(stderr, "fixproof: start the %s server: %v\n", fam, err)
					return 2
				}
				servers[fam] = srv
			}
			files, err := Prove(ctx, srv, paths[fam], opt)
			if err != nil {
				fmt.Fprintln(stderr, "fixproof:", err)
				return 2
			}
			byFamily[fam] = append(byFamily[fam], files...)
		}
	}
	failed := false
	for _, fam := range []string{"postgres", "mysql", "unknown"} {
		if files := byFamily[fam]; len(files) > 0 && summarize(stdout, fam, servers[fam], files) {
			failed = true
		}
	}
	if failed {
		return 1
	}
	return 0
}

// walk lists the .sql files under the paths, in order.
func walk(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && strings.HasSuffix(p, ".sql") {
				out = append(out, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func family(d model.Dialect) string {
	switch {
	case d == model.Postgres:
		return "postgres"
	case d.MySQLFamily():
		return "mysql"
	}
	return "unknown"
}

// start starts the family's throwaway server; for a MySQL file a MySQL
// server is preferred, for a MariaDB one MariaDB, as verify does.
func start(ctx context.Context, fam string, d model.Dialect) (verify.Server, error) {
	sctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if fam == "postgres" {
		return verify.StartPostgres(sctx, verify.LocalOptions{})
	}
	return verify.StartMySQL(sctx, d, verify.LocalOptions{})
}

// summarize prints a family's counts and the files that fail a check,
// and says whether any does.
func summarize(w io.Writer, fam string, srv verify.Server, files []*File) bool {
	var fixable, fixed, clean, runnable, same, safe, excused, gap int
	var refused, lint, uncovered, effect, rerun, notRunnable, notes, excuses, gaps []string
	targets := map[string]bool{}
	line := func(f *File, why string) string { return "  " + safetext.Path(f.Path) + ": " + why }
	for _, f := range files {
		if !f.HasFix() {
			continue
		}
		fixable++
		targets[f.Target.String()] = true
		if f.Refused != "" {
			refused = append(refused, line(f, "the fixer refuses it: "+safetext.Inline(f.Refused)))
		}
		if !f.Changed() {
			continue
		}
		fixed++
		if len(f.Lint) == 0 {
			clean++
		}
		for _, l := range f.Lint {
			lint = append(lint, line(f, l))
		}
		for _, u := range f.Unmasked {
			uncovered = append(uncovered, line(f, u))
		}
		switch {
		case !f.Ran:
			notRunnable = append(notRunnable, line(f, "no server for its dialect"))
		case f.NotRunnable != "":
			notRunnable = append(notRunnable, line(f, f.NotRunnable))
		default:
			runnable++
			if f.Effect == "" {
				same++
			} else {
				effect = append(effect, line(f, f.Effect))
			}
			if f.EffectNote != "" {
				notes = append(notes, line(f, f.EffectNote))
			}
			switch {
			case f.Rerun != "":
				rerun = append(rerun, line(f, f.Rerun))
			case f.RerunExcused != "":
				excused++
				excuses = append(excuses, line(f, f.RerunExcused))
			case f.RerunGap != "":
				gap++
				gaps = append(gaps, line(f, f.RerunGap))
			default:
				safe++
			}
		}
	}
	server := "no server started"
	if srv != nil {
		server = srv.Describe()
	}
	var ts []string
	for t := range targets {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	fmt.Fprintf(w, "%s: %d files, target %s, on %s\n", fam, len(files), orNone(strings.Join(ts, ", ")), server)
	fmt.Fprintf(w, "  with fixable findings     %4d\n", fixable)
	fmt.Fprintf(w, "  fixed                     %4d\n", fixed)
	fmt.Fprintf(w, "  lint-clean after the fix  %4d of %d fixed\n", clean, fixed)
	fmt.Fprintf(w, "  not runnable              %4d of %d fixed\n", len(notRunnable), fixed)
	fmt.Fprintf(w, "  same first-run effect     %4d of %d runnable\n", same, runnable)
	fmt.Fprintf(w, "  rerun-safe after the fix  %4d of %d runnable", safe, runnable)
	if excused > 0 {
		fmt.Fprintf(w, " (%d more not, for findings left that have no fix)", excused)
	}
	if gap > 0 {
		fmt.Fprintf(w, " (%d more not, at a statement the fix did not write that no rule flags)", gap)
	}
	fmt.Fprintln(w)
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(items))
		for _, s := range items {
			fmt.Fprintln(w, s)
		}
	}
	list("FAIL (a) lint-clean", lint)
	list("FAIL (b) same first-run effect", effect)
	list("FAIL (c) rerun-safe", rerun)
	list("findings the fix uncovers on statements it did not write (a second run used to stop before them)", uncovered)
	list("not rerun-safe for findings without a fix", excuses)
	list("not rerun-safe at a statement the fix did not write, which no rule flags (a gap in the rules)", gaps)
	list("first-run differences left out (they differ between two runs of the original)", notes)
	list("refused by the fixer", refused)
	list("not runnable", notRunnable)
	return len(lint)+len(effect)+len(rerun) > 0
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
