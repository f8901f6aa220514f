package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/baseline"
	"github.com/idemlint/idemlint/fix"
	"github.com/idemlint/idemlint/internal/gctune"
	"github.com/idemlint/idemlint/internal/ordered"
	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/report"
	"github.com/idemlint/idemlint/rules"
	"github.com/idemlint/idemlint/schema"
)

// result is one file's outcome.
type result struct {
	in       input
	script   *model.Script
	findings []rules.Finding
	err      error // the file could not be read or written
	// Fixing: the original text and the edits applied to it.
	orig  []byte
	fixed fix.Result
	// unfixed says why fixable findings were not fixed, or is empty.
	unfixed string
	// notes are said on standard error, after the file is done.
	notes []string
	// hidden are the fingerprints of the findings a baseline hid.
	hidden []string
	// What settle keeps of the fixing and of the parse once the file is
	// done: the patch (--diff), the baseline entries (baseline write), how
	// many findings the written fix took, and whether the file changed.
	diff    string
	entries []baseline.Entry
	applied int
	changed bool
	// file is what the report shows of the file, once settled.
	file report.File
	// guessed: the file has statements and nothing hinted at its dialect.
	guessed bool
	// For the folder's history (historian): the schema changes the file
	// makes, the tables it inserts into behind a conflict guard, and, when
	// there are such tables, its text, to lint it again.
	changes    []schema.Change
	keyInserts []model.Object
	src        []byte
}

// settle turns a linted file into what the run keeps until the report:
// the patch and baseline entries are made now, while the parse tree is
// at hand, and then only what the formats read is kept (report.Detach),
// so that memory follows the largest file, not the number of files.
func (r *result) settle(o *options, root string, keepHistory bool) {
	r.applied, r.changed = len(r.fixed.Applied), r.fixed.Changed()
	if o.diff && r.changed {
		r.diff = fix.Unified(filepath.ToSlash(r.in.path), r.orig, r.fixed.Edits)
	}
	r.orig, r.fixed = nil, fix.Result{}
	if r.script == nil {
		return
	}
	if keepHistory {
		r.changes = schema.Changes(r.script)
		if r.keyInserts = keyInserts(r.script); len(r.keyInserts) > 0 {
			r.src = r.script.Source
		}
	}
	r.detach(o, root)
}

// detach keeps of a linted script what the report and the baseline need.
func (r *result) detach(o *options, root string) {
	if o.baselineWrite {
		r.entries = baseline.Entries(r.script, r.findings, root)
	}
	// A file with no statements (empty, or only comments) has no dialect
	// to guess: saying so would be noise.
	r.guessed = r.script.DialectGuessed && len(r.script.Statements) > 0
	r.file = report.Detach(report.File{Script: r.script, Findings: r.findings})
	r.script, r.findings = r.file.Script, r.file.Findings
}

func cmdLint(args []string, e env) int { return lintMain(args, e, false) }

// lintMain lints the paths and reports, or records the findings in a
// baseline file when recordBaseline is set (idemlint baseline write).
func lintMain(args []string, e env, recordBaseline bool) int {
	var o options
	fs := newFlags(&o)
	help := func() int {
		if recordBaseline {
			fmt.Fprint(e.stdout, baselineUsage+"\nFlags:\n"+fs.FlagUsages())
		} else {
			fmt.Fprint(e.stdout, usage(fs))
		}
		return exitOK
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return help()
		}
		return usageFail(e, err)
	}
	if o.help {
		return help()
	}
	if o.version {
		return cmdVersion(nil, e)
	}
	o.baselineWrite = recordBaseline
	file, err := projectConfig(&o, fs)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			return usageFail(e, err)
		}
		sayError(e.stderr, err)
		return exitTrouble
	}
	c, err := o.validate()
	if err != nil {
		return usageFail(e, err)
	}
	if e.procs != nil {
		e.procs(o.jobs)
	}
	paths := fs.Args()
	if recordBaseline {
		if paths, err = checkBaselineFlags(&o, paths); err != nil {
			return usageFail(e, err)
		}
	}
	if err := c.project(&o, file); err != nil {
		return usageFail(e, err)
	}
	if len(paths) == 0 {
		return usageFail(e, usagef("no paths to lint (give files, directories, or - for standard input)"))
	}
	stdins := 0
	for _, p := range paths {
		if p == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return usageFail(e, usagef("- (standard input) given more than once"))
	}
	if stdins == 1 && o.fix {
		return usageFail(e, usagef("--fix cannot write back to standard input; use --diff to see the fixes"))
	}
	if o.stdinName != "" && stdins == 0 {
		return usageFail(e, usagef("--stdin-filename needs - among the paths"))
	}
	if stdins == 1 && o.newSince != "" {
		return usageFail(e, usagef("--new-since lints files git knows about, not standard input"))
	}
	if o.baselinePath != "" {
		if c.baseline, err = baseline.Load(o.baselinePath); err != nil {
			sayError(e.stderr, err)
			return exitTrouble
		}
	}
	if o.newSince != "" {
		if c.changes, err = changesSince(o.newSince, o.warnEdited); err != nil {
			sayError(e.stderr, err)
			return exitTrouble
		}
	}

	status := exitOK
	trouble := func(err error) {
		sayError(e.stderr, err)
		status = exitTrouble
	}
	// Paths and files that could not be read: the report must not call
	// the run clean.
	unreadable := 0
	unread := func(err error) {
		unreadable++
		trouble(withoutOp(err))
	}
	if o.verbose && c.file != nil {
		for _, p := range paths {
			if p != "-" && c.excluded(p) {
				say(e.stderr, "%s: skipped: excluded by %s", p, c.file.Path)
			}
		}
	}
	inputs := discover(paths, o.stdinName, unread, c.excluded)
	if c.changes != nil {
		all := len(inputs)
		inputs = c.changes.keep(inputs)
		if o.verbose {
			say(e.stderr, "%s", c.changes.describe(all, inputs))
		}
	}
	// The report is written as the files come (report.Stream): the run
	// keeps of each file only what its format needs at the end.
	var out io.Writer
	closeOut := func() error { return nil }
	var stream *report.Stream
	if !recordBaseline {
		var err error
		if out, closeOut, err = openOutput(o.output, e.stdout); err != nil {
			trouble(err)
			return exitTrouble
		}
		if !o.diff {
			stream, _ = report.NewStream(o.format, out, report.Options{
				Color:   o.output == "" && e.stdoutTTY && !o.noColor && e.getenv("NO_COLOR") == "",
				Root:    repoRoot(),
				Version: moduleVersion(),
				Rules:   c.enabled,
				Getenv:  e.getenv,
			})
		}
	}
	var writeErr error
	failed := false // a finding reached --fail-on
	var recorded []baseline.Entry
	hidden := 0
	linted, matched := map[string]bool{}, map[string]bool{}
	fixedFiles, fixedFindings, unfixedFiles, leftRerun := 0, 0, 0, 0
	var diffs strings.Builder
	guessed := map[model.Dialect][]string{}
	// A file linted again takes one of the workers' slots, so that -j
	// bounds the parses held at once, and the cores used, whoever runs them.
	slots := ordered.NewSlots(o.jobs)
	relint := func(r *result, prior *schema.History) {
		slots.Do(func() {
			defer gctune.Expect(len(r.src))()
			script, all := parseAndLintWith(r.in.path, r.src, c, prior)
			r.script = script
			r.findings, r.hidden = c.filterBaseline(script, all)
			r.detach(&o, c.root)
		})
	}
	hist := newHistorian(inputs, func(r result) {
		if r.guessed {
			guessed[r.script.Dialect] = append(guessed[r.script.Dialect], r.in.path)
		}
		for _, n := range r.notes {
			say(e.stderr, "%s: %s", r.in.path, n)
		}
		if r.err != nil {
			if r.script == nil {
				unread(r.err)
				return
			}
			trouble(r.err)
		}
		if o.fix && r.changed && r.err == nil {
			fixedFiles++
			fixedFindings += r.applied
		}
		if r.unfixed != "" {
			say(e.stderr, "%s: not fixed: %s", safetext.Path(r.in.path), r.unfixed)
		}
		if r.unfixed != "" || errors.Is(r.err, fix.ErrNotFixed) {
			unfixedFiles++
		}
		if o.fix && r.unfixed == "" && r.err == nil {
			// What is left after fixing: findings no fix covers.
			for _, f := range r.findings {
				if f.Rule.Category == rules.Rerun && f.Fix == nil {
					leftRerun++
				}
			}
		}
		diffs.WriteString(r.diff)
		if stream != nil && writeErr == nil {
			writeErr = stream.Add(r.file)
		}
		recorded = append(recorded, r.entries...)
		hidden += len(r.hidden)
		if c.baseline != nil {
			// Only a baseline asks which files were linted.
			linted[baseline.NormalizePath(r.in.path, c.root)] = true
		}
		for _, fp := range r.hidden {
			matched[fp] = true
		}
		for _, f := range r.findings {
			if f.Rule == rules.InternalError {
				status = exitTrouble
			}
			if c.failAt != rules.SeverityNone && f.Severity >= c.failAt {
				failed = true
			}
		}
	}, relint)
	lintAll(inputs, &o, c, e, hist, slots)

	sayGuessed(e, guessed, o.verbose)

	if recordBaseline {
		if err := writeBaseline(&o, recorded, e); err != nil {
			trouble(err)
		}
		return status
	}

	err = writeErr
	switch {
	case err != nil:
	case o.diff:
		text := diffs.String()
		if o.output == "" || o.output == "-" {
			text = fenceCommands(text, e.getenv)
		}
		_, err = io.WriteString(out, text)
	default:
		err = stream.Close(hidden, unreadable)
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		trouble(fmt.Errorf("write the report: %w", err))
		return exitTrouble
	}
	if o.fix && (fixedFiles > 0 || unfixedFiles > 0 || leftRerun > 0) {
		msg := fmt.Sprintf("fixed %d finding(s) in %d file(s)", fixedFindings, fixedFiles)
		if unfixedFiles > 0 {
			msg += fmt.Sprintf("; %d file(s) not fixed", unfixedFiles)
		}
		if leftRerun > 0 {
			msg += fmt.Sprintf("; %d re-run finding(s) have no automatic fix (listed above)", leftRerun)
		}
		say(e.stderr, "%s", msg)
	}
	if c.baseline != nil {
		say(e.stderr, "%s", baselineNote(c.baseline, hidden, c.baseline.Stale(linted, matched)))
		if c.baseline.Len() > 0 && len(linted) > 0 && c.baseline.About(linted) == 0 {
			say(e.stderr, "the baseline %s records %s, none of them in a linted file; its paths are read relative to %s (the project root: the git work tree of the configuration or baseline file)",
				c.baseline.Path, plural(c.baseline.Len(), "finding", "findings"), c.root)
		}
	}
	if status != exitOK {
		return status
	}
	if o.diff {
		if diffs.Len() > 0 {
			return exitFindings
		}
		return exitOK
	}
	if failed {
		return exitFindings
	}
	return exitOK
}

// sayGuessed says once per run how many files had no dialect hint: a
// folder of such files would otherwise say it once per file. --verbose
// names each file's dialect and why on its own line.
func sayGuessed(e env, guessed map[model.Dialect][]string, verbose bool) {
	for _, d := range model.Dialects {
		paths := guessed[d]
		if len(paths) == 0 {
			continue
		}
		what, hint := paths[0], ""
		if len(paths) > 1 {
			what = plural(len(paths), "file", "files")
			if !verbose {
				hint = "; -v names them"
			}
		}
		say(e.stderr, "dialect not recognised in %s (no path or content hint): linted as %s; pass --dialect or set dialect in .idemlint.yaml%s",
			what, d, hint)
	}
}

func usageFail(e env, err error) int {
	sayError(e.stderr, err)
	say(e.stderr, "run idemlint --help for usage")
	return exitTrouble
}

// lintAll reads, parses and lints the files on one worker per slot and hands
// each settled result to the historian in input order, as soon as it and
// those before it are done: the run never holds every file's parse at
// once.
func lintAll(inputs []input, o *options, c *lintConfig, e env, h *historian, slots ordered.Slots) {
	// Standard input is read here, once, before the workers start.
	var stdinData []byte
	var stdinErr error
	for _, in := range inputs {
		if in.stdin {
			stdinData, stdinErr = read(in, e.stdin, int64(o.maxSize))
		}
	}
	ordered.Run(len(inputs), slots, func(i int) result {
		in := inputs[i]
		var src []byte
		var err error
		if in.stdin {
			src, err = stdinData, stdinErr
		} else {
			src, err = read(in, nil, int64(o.maxSize))
		}
		r := result{in: in, err: err}
		if err == nil {
			defer gctune.Expect(len(src))() // the parse is let go in settle
			r = lintOne(in, src, o, c)
		}
		r.settle(o, c.root, h.grouped(i))
		return r
	}, h.take)
}

// lintOne lints one file's text, fixing it when asked.
func lintOne(in input, src []byte, o *options, c *lintConfig) (r result) {
	r = result{in: in, orig: src}
	if in.editedAt > 0 {
		r.script, r.findings = editedScript(in, src, c)
		r.findings, r.hidden = c.filterBaseline(r.script, r.findings)
		return r
	}
	if off, msg, help, ok := checkInput(src, int64(o.maxSize)); !ok {
		_, cfg := c.settings(in.path)
		r.script, r.findings = invalidScript(in.path, src, off, msg, help, cfg)
		if !cfg.Enabled(rules.InvalidInput.ID) {
			r.findings = nil
		}
		r.findings, r.hidden = c.filterBaseline(r.script, r.findings)
		return r
	}
	var all []rules.Finding
	r.script, all = parseAndLint(in.path, src, c)
	// Findings a baseline records are neither reported nor fixed: they
	// are usually in migrations that ran long ago.
	r.findings, r.hidden = c.filterBaseline(r.script, all)
	if o.verbose {
		r.notes = append(r.notes, describe(r.script))
		// What the parser left unread on purpose (dynamic SQL that does
		// not parse): not findings, but worth knowing.
		for _, n := range r.script.Notes {
			r.notes = append(r.notes, fmt.Sprintf("line %d: %s", r.script.Lines.Position(n.Pos).Line, n.Text))
		}
	}
	if !o.fix && !o.diff {
		return r
	}
	// Refuse on all the findings: a syntax error a baseline hides still
	// means the parser did not read the file.
	if why := fix.Refusal(r.script, all); why != "" {
		if hasFix(r.findings) {
			r.unfixed = why
		}
		return r
	}
	// Fixed until stable: a fix may only apply once another has.
	relint := func(b []byte) (*model.Script, []rules.Finding) {
		s, f := parseAndLint(in.path, b, c)
		f, _ = c.filterBaseline(s, f)
		return s, f
	}
	r.fixed, _, _, _ = fix.Stable(r.script, r.findings, relint)
	if !r.fixed.Changed() {
		return r
	}
	// A fix must never make the SQL worse: when the fixed text draws more
	// syntax errors than the original, nothing is written or shown.
	script, findings := parseAndLint(in.path, r.fixed.Source, c)
	if countRule(findings, rules.SyntaxError) > countRule(all, rules.SyntaxError) {
		r.unfixed = "the fixed text would not parse (please report this)"
		r.fixed = fix.Result{Source: src}
		return r
	}
	if o.diff {
		return r
	}
	if err := fix.Write(in.path, src, r.fixed.Source); err != nil {
		r.err = fmt.Errorf("%s: %w", safetext.Path(in.path), err)
		if errors.Is(err, fix.ErrNotFixed) {
			r.fixed = fix.Result{Source: src}
		}
		return r
	}
	// Report what is left in the fixed text.
	r.script = script
	r.findings, r.hidden = c.filterBaseline(script, findings)
	return r
}

func hasFix(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Fix != nil {
			return true
		}
	}
	return false
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

// parseAndLint runs the parser and the rules, turning a crash in the
// parser into an internal-error finding so that the other files go on.
func parseAndLint(path string, src []byte, c *lintConfig) (s *model.Script, fs []rules.Finding) {
	return parseAndLintWith(path, src, c, nil)
}

// parseAndLintWith is parseAndLint knowing the tables the migrations
// before the file built (nil: not known).
func parseAndLintWith(path string, src []byte, c *lintConfig, prior *schema.History) (s *model.Script, fs []rules.Finding) {
	defer func() {
		if e := recover(); e != nil {
			s = &model.Script{Path: path, Source: src, Lines: model.NewLines(src)}
			stack := debug.Stack()
			if len(stack) > 600 {
				stack = stack[:600]
			}
			fs = []rules.Finding{{Rule: rules.InternalError, Severity: rules.Error,
				Message: fmt.Sprintf("the parser failed on this file: %v", e),
				Help:    "please report this with the file attached; stack: " + string(stack)}}
		}
	}()
	popt, cfg := c.settings(path)
	popt.Schema = prior
	s = parser.Parse(path, src, popt)
	return s, rules.Run(s, cfg)
}

// describe is the --verbose line for a file.
func describe(s *model.Script) string {
	var b strings.Builder
	if s.Skipped != "" {
		// The reason is the parser's own text, never the file's.
		fmt.Fprintf(&b, "skipped: %s", s.Skipped)
		return b.String()
	}
	fmt.Fprintf(&b, "dialect %s (%s); target %s; framework %s", s.Dialect, s.DialectReason, s.Target, frameworkLabel(s.Framework))
	for i, sec := range s.Sections {
		if i == 0 {
			b.WriteString("; sections: ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(sec.Kind.String())
		if sec.Name != "" {
			b.WriteString(" " + sec.Name)
		}
		first := s.Lines.Position(sec.Span.Start).Line
		last := s.Lines.Position(max(sec.Span.Start, sec.Span.End-1)).Line
		if first == last {
			fmt.Fprintf(&b, " (line %d, ", first)
		} else {
			fmt.Fprintf(&b, " (lines %d-%d, ", first, last)
		}
		if sec.InTransaction {
			b.WriteString("in a transaction")
		} else {
			b.WriteString("no transaction")
		}
		if sec.Repeatable {
			b.WriteString(", repeatable")
			if sec.RepeatReason != "" {
				b.WriteString(": " + sec.RepeatReason)
			}
		}
		b.WriteString(")")
	}
	return b.String()
}

func frameworkLabel(f model.Framework) string {
	if f == model.FrameworkNone || f == model.FrameworkUndefined {
		return "none"
	}
	return string(f)
}

// openOutput opens --output, or wraps standard output.
func openOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		bw := bufio.NewWriter(stdout)
		return bw, bw.Flush, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriter(f)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// repoRoot is the directory SARIF URIs are relative to: the enclosing git
// work tree, or the working directory outside one.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return workTree(wd)
}

// workTree is the git work tree that holds dir, or dir itself outside one.
func workTree(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// projectRoot is the directory baselines and fingerprints name files
// from, whatever the working directory: the git work tree of the
// configuration file, or of the baseline file when no configuration is
// loaded, or that folder itself outside git; the working directory's work
// tree when neither is given.
func projectRoot(configPath, baselinePath string) string {
	anchor := ""
	switch {
	case configPath != "":
		anchor = filepath.Dir(configPath)
	case baselinePath != "" && baselinePath != "-":
		anchor = filepath.Dir(baselinePath)
	default:
		return repoRoot()
	}
	abs, err := filepath.Abs(anchor)
	if err != nil {
		return repoRoot()
	}
	return workTree(abs)
}

// fenceCommands protects a patch printed in a GitHub Actions step. A patch
// cannot be escaped without breaking it, and its context lines are the
// file's own lines behind one blank, which the runner trims: a migration
// line "::stop-commands::x" would be obeyed. When a line of the patch
// could be taken as a command, the runner is told to stop reading commands
// until a token nobody can guess, the documented way to print untrusted
// text in a workflow.
func fenceCommands(patch string, getenv func(string) string) string {
	if getenv("GITHUB_ACTIONS") != "true" || !holdsCommand(patch) {
		return patch
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return patch
	}
	token := hex.EncodeToString(b[:])
	return "::stop-commands::" + token + "\n" + patch + "::" + token + "::\n"
}

// holdsCommand reports whether a line of s would be a workflow command.
func holdsCommand(s string) bool {
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if safetext.Command(l) {
			return true
		}
	}
	return false
}
