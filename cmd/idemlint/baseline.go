package main

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/baseline"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// cmdBaseline is `idemlint baseline write [flags] [PATH...]`: lint as
// usual and record every finding in a baseline file instead of reporting.
func cmdBaseline(args []string, e env) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(e.stdout, baselineUsage)
		return exitOK
	}
	if len(args) == 0 || args[0] != "write" {
		return usageFail(e, usagef("usage: idemlint baseline write [flags] [PATH...]"))
	}
	return lintMain(args[1:], e, true)
}

const baselineUsage = `Usage: idemlint baseline write [flags] [PATH...]

Lints PATH (default: the working directory) with the usual flags and
configuration and records every finding in a baseline file (-o FILE,
default ` + baseline.DefaultPath + `). Later runs with --baseline FILE report only
findings the file does not record. A finding is recognised by its rule,
its file's path relative to the repository root, the text of its statement
(comments, whitespace and keyword case aside) and its rank among identical
ones, not by its line: it stays recorded while the lines around it move,
and becomes new when its statement is edited.
`

// checkBaselineFlags refuses flags that make no sense when writing a
// baseline, and fills in the defaults.
func checkBaselineFlags(o *options, paths []string) ([]string, error) {
	switch {
	case o.baselinePath != "":
		return nil, usagef("--baseline: baseline write records every finding; it reads no baseline")
	case o.fix || o.diff:
		return nil, usagef("--fix and --diff do not apply to baseline write")
	case o.newSince != "":
		return nil, usagef("--new-since does not apply to baseline write: a baseline records the whole project")
	}
	if o.output == "" {
		o.output = baseline.DefaultPath
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return paths, nil
}

// writeBaseline writes the entries to o.output.
func writeBaseline(o *options, entries []baseline.Entry, e env) error {
	affected := map[string]bool{}
	for _, en := range entries {
		affected[en.Path] = true
	}
	out, closeOut, err := openOutput(o.output, e.stdout)
	if err != nil {
		return err
	}
	err = baseline.Write(out, entries)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the baseline: %w", err)
	}
	say(e.stderr, "recorded %s in %s to %s", plural(len(entries), "finding", "findings"),
		plural(len(affected), "file", "files"), o.output)
	return nil
}

// baselineNote is what a run with --baseline says on standard error.
func baselineNote(set *baseline.Set, hidden, stale int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "the baseline %s hid %s", set.Path, plural(hidden, "finding", "findings"))
	if stale > 0 {
		fmt.Fprintf(&b, "; %s it records no longer occur (idemlint baseline write refreshes it)", plural(stale, "finding", "findings"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// filterBaseline drops the findings the baseline records.
func (c *lintConfig) filterBaseline(s *model.Script, fs []rules.Finding) ([]rules.Finding, []string) {
	if c.baseline == nil {
		return fs, nil
	}
	return c.baseline.Filter(s, fs, c.root)
}
