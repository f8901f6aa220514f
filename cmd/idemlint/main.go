// Command idemlint checks database migration SQL for statements that are
// not safe to run twice.
//
//	idemlint [flags] PATH...
//	idemlint rules [--json]
//	idemlint explain RULE
//	idemlint baseline write [PATH...]
//	idemlint config init
//	idemlint version
//	idemlint lsp
//
// It exits 0 when no finding reaches --fail-on, 1 when one does, and 2 on
// usage errors, unreadable paths and internal errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/idemlint/idemlint/internal/gctune"
	"github.com/idemlint/idemlint/internal/safetext"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitTrouble  = 2
)

// env is what the command touches of the process, so that tests can run
// it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// stdoutTTY says whether stdout is a terminal, for colour.
	stdoutTTY bool
	// procs keeps the process on at most that many processors, or is nil
	// (tests, which share one process).
	procs func(n int)
}

func main() {
	gctune.Apply(os.Getenv)
	gctune.Malloc(os.Getenv)
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stdoutTTY: isTerminal(os.Stdout),
		procs: func(n int) { limitProcs(n, os.Getenv) }}
	os.Exit(run(os.Args[1:], e))
}

// run dispatches to a subcommand or lints the paths.
func run(args []string, e env) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return cmdRules(args[1:], e)
		case "explain":
			return cmdExplain(args[1:], e)
		case "baseline":
			return cmdBaseline(args[1:], e)
		case "config":
			return cmdConfig(args[1:], e)
		case "verify":
			return cmdVerify(args[1:], e)
		case "version":
			return cmdVersion(args[1:], e)
		case "lsp":
			return cmdLSP(args[1:], e)
		case "help":
			fmt.Fprint(e.stdout, usage(newFlags(new(options))))
			return exitOK
		}
	}
	return cmdLint(args, e)
}

// isTerminal is a dependency-free terminal test: a character device.
// Redirecting to /dev/null also counts, which does no harm.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// say writes one line to standard error, the only way the command does:
// "idemlint: " and the text with what safetext escapes escaped. File
// names and text from files end up in these lines, and a CI runner obeys
// a line that starts with "::" (after blanks) on either stream: here
// every line starts with "idemlint: " and none can be broken in two.
func say(w io.Writer, format string, a ...any) {
	_, _ = io.WriteString(w, "idemlint: "+safetext.Inline(fmt.Sprintf(format, a...))+"\n")
}

// sayError says an error; one joined from several (errors.Join) gets a
// line for each.
func sayError(w io.Writer, err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			sayError(w, e)
		}
		return
	}
	say(w, "%v", err)
}

// eachError applies wrap to each error of a joined one, so that every
// line sayError writes carries the context.
func eachError(err error, wrap func(error) error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, wrap(e))
		}
		return errors.Join(out...)
	}
	return wrap(err)
}

// limitProcs gives the Go runtime no more processors than the run has
// workers, unless GOMAXPROCS in the environment (read through getenv)
// chose. With a processor to spare, the collector and the goroutine that
// writes the report ran beside the one worker of -j 1 and handed work
// across cores: on 20,000 small files on 2 cores, -j 1 took a quarter to
// a third more CPU time, and 5% to 7% more wall time, than on one.
func limitProcs(n int, getenv func(string) string) {
	if getenv("GOMAXPROCS") == "" && n >= 1 && n < runtime.GOMAXPROCS(0) {
		runtime.GOMAXPROCS(n)
	}
}
