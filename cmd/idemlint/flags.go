package main

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/report"
	"github.com/idemlint/idemlint/rules"
)

// options are the lint command's flags as given.
type options struct {
	dialect, framework string
	target             string
	format, output     string
	failOn             string
	enable, disable    []string
	ledgers            []string
	noColor, verbose   bool
	fix, diff          bool
	maxSize            byteSize
	jobs               int
	stdinName          string
	help, version      bool
	extOptions
}

const defaultMaxSize = 16 << 20

func newFlags(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("idemlint", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.Usage = func() {}
	o.maxSize = defaultMaxSize
	fs.StringVar(&o.dialect, "dialect", "", "SQL dialect of every file: postgres, mysql or mariadb (default: inferred per file)")
	fs.StringVar(&o.target, "target", "", "server version the migrations run on, e.g. postgres:13, mysql:8.0, mariadb:10.11; sets the dialect (default: the oldest version upstream supports)")
	fs.StringVar(&o.framework, "framework", "", "migration framework of every file: "+frameworkNames()+" or none (default: inferred per file)")
	fs.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning or none (without this flag: the configuration's fail-on, else error)")
	fs.StringSliceVar(&o.enable, "enable", nil, "run only these `RULE`s (comma-separated; syntax-error, invalid-input and internal-error stay on)")
	fs.StringSliceVar(&o.disable, "disable", nil, "do not report these `RULE`s (comma-separated)")
	fs.StringSliceVar(&o.ledgers, "ledger", nil, "extra migration ledger `TABLE` names, besides the frameworks' own (comma-separated)")
	fs.BoolVar(&o.noColor, "no-color", false, "never colour the output (NO_COLOR in the environment does the same)")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "say on standard error how each file was read: dialect and why, framework, sections, SQL strings left unread")
	fs.BoolVar(&o.fix, "fix", false, "apply the available fixes to the files in place, then report what is left")
	fs.BoolVar(&o.diff, "diff", false, "print the fixes as a unified diff instead of a report; exit 1 when a file would change")
	fs.Var(&o.maxSize, "max-file-size", "skip files larger than `SIZE` with an invalid-input finding (e.g. 512KiB, 16MiB)")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "files to parse in parallel, on as many processors at most")
	fs.StringVar(&o.stdinName, "stdin-filename", "", "file name to lint standard input (-) as; it decides dialect and framework")
	addExtFlags(fs, &o.extOptions)
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	fs.BoolVar(&o.version, "version", false, "show the version (same as idemlint version)")
	return fs
}

func frameworkNames() string {
	var names []string
	for _, f := range model.Frameworks {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

func usage(fs *pflag.FlagSet) string {
	return `idemlint checks database migrations for SQL that is not safe to run twice.

Usage:
  idemlint [flags] PATH...    lint files, directories (walked for *.sql) or - (standard input)
  idemlint rules [--json]     list the rules
  idemlint explain RULE       show a rule's documentation
  idemlint verify --dialect D PATH...  apply each migration twice to a throwaway database (verify --help)
  idemlint version            show the versions of idemlint and its parsers
  idemlint baseline write [PATH...]  record today's findings for --baseline (baseline --help)
  idemlint config init        write a commented .idemlint.yaml (config --help)
  idemlint lsp                language server for editors, on standard input and output (lsp --help)

Flags:
` + fs.FlagUsages() + `
Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on usage
errors, unreadable paths and internal errors.
`
}

// lintConfig is what the validated flags mean.
type lintConfig struct {
	parse   model.Dialect
	target  model.Target
	fw      model.Framework
	rules   *rules.Config
	enabled []*rules.Rule
	failAt  rules.Severity // SeverityNone: never fail on findings
	ext
}

// settings is how one file is parsed and checked: the command line's
// settings, or the configuration file's for the path with the flags on top.
func (c *lintConfig) settings(path string) (parser.Options, *rules.Config) {
	if c.file != nil {
		return c.fileSettings(path)
	}
	return parser.Options{Dialect: c.parse, Target: c.target, Framework: c.fw}, c.rules
}

// alwaysOn are reported even when --enable lists other rules: without
// them a run could pass while checking nothing.
var alwaysOn = []string{rules.SyntaxError.ID, rules.InvalidInput.ID, rules.InternalError.ID}

func (o *options) validate() (*lintConfig, error) {
	c := &lintConfig{rules: &rules.Config{}}
	var err error
	if o.dialect != "" {
		if c.parse, err = model.ParseDialect(o.dialect); err != nil {
			return nil, usagef("--dialect: %v", err)
		}
	}
	if o.target != "" {
		if c.target, err = model.ParseTarget(o.target); err != nil {
			return nil, usagef("--target: %v", err)
		}
		if c.parse != model.DialectUnknown && c.parse != c.target.Dialect {
			return nil, usagef("--target %s is not a %s server: drop --dialect, the target sets it", c.target, c.parse)
		}
		c.parse = c.target.Dialect
	}
	if o.framework != "" {
		if c.fw, err = model.ParseFramework(o.framework); err != nil {
			return nil, usagef("--framework: %v (want %s or none)", err, frameworkNames())
		}
	}
	if _, ok := report.Lookup(o.format); !ok {
		return nil, usagef("--format: unknown format %q (want %s)", o.format, strings.Join(report.Formats(), ", "))
	}
	switch strings.ToLower(o.failOn) {
	case "error":
		c.failAt = rules.Error
	case "warning", "warn":
		c.failAt = rules.Warning
	case "none", "never":
		c.failAt = rules.SeverityNone
	default:
		return nil, usagef("--fail-on: unknown level %q (want error, warning or none)", o.failOn)
	}
	enable, err := ruleSet("--enable", o.enable)
	if err != nil {
		return nil, err
	}
	disable, err := ruleSet("--disable", o.disable)
	if err != nil {
		return nil, err
	}
	if disable[rules.InternalError.ID] {
		return nil, usagef("--disable: internal-error cannot be turned off: it means a file was not fully checked")
	}
	if len(enable) > 0 {
		for _, id := range alwaysOn {
			enable[id] = true
		}
		c.rules.Only = enable
	}
	c.rules.Disabled = disable
	for _, l := range o.ledgers {
		if l = strings.TrimSpace(l); l != "" {
			c.rules.Ledgers = append(c.rules.Ledgers, l)
		}
	}
	for _, r := range rules.All() {
		if c.rules.Enabled(r.ID) {
			c.enabled = append(c.enabled, r)
		}
	}
	if o.fix && o.diff {
		return nil, usagef("--fix and --diff: choose one (--diff shows what --fix would write)")
	}
	if o.jobs < 1 {
		return nil, usagef("--jobs: want at least 1, got %d", o.jobs)
	}
	return c, nil
}

// ruleSet reads a list of rule IDs, refusing unknown ones by name.
func ruleSet(flag string, ids []string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if rules.Lookup(id) == nil {
			return nil, usagef("%s: unknown rule %q%s (idemlint rules lists them)", flag, id, suggest(id))
		}
		set[id] = true
	}
	return set, nil
}

// suggest proposes the closest rule ID to a mistyped one.
func suggest(id string) string {
	best, dist := "", 1<<30
	for _, r := range rules.All() {
		if d := levenshtein(id, r.ID); d < dist {
			best, dist = r.ID, d
		}
	}
	if best != "" && dist <= max(2, len(id)/3) {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	return ""
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// byteSize is a size flag that takes plain bytes or a unit.
type byteSize int64

var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kb": 1000, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1000 * 1000, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1000 * 1000 * 1000, "gib": 1 << 30,
}

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	t := strings.ToLower(strings.TrimSpace(s))
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	mult, ok := sizeUnits[unit]
	if !ok {
		units := make([]string, 0, len(sizeUnits))
		for u := range sizeUnits {
			if u != "" {
				units = append(units, u)
			}
		}
		sort.Strings(units)
		return fmt.Errorf("unknown unit %q (want bytes or one of %s)", unit, strings.Join(units, ", "))
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 {
		return fmt.Errorf("want a positive size such as 512KiB or 16MiB, got %q", s)
	}
	*b = byteSize(f * float64(mult))
	return nil
}

func (b *byteSize) Type() string { return "size" }
