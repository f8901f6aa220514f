package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// cmdRules prints the catalogue: a table, or JSON with --json.
func cmdRules(args []string, e env) int {
	fs := pflag.NewFlagSet("idemlint rules", pflag.ContinueOnError)
	fs.Usage = func() {}
	asJSON := fs.Bool("json", false, "print the catalogue as JSON")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(e.stdout, "Usage: idemlint rules [--json]\n\n%s", fs.FlagUsages())
			return exitOK
		}
		return usageFail(e, err)
	}
	if fs.NArg() > 0 {
		return usageFail(e, usagef("rules takes no arguments (got %s)", strings.Join(fs.Args(), " ")))
	}
	if *asJSON {
		type jsonRule struct {
			ID       string   `json:"id"`
			Summary  string   `json:"summary"`
			Severity string   `json:"severity"`
			Category string   `json:"category"`
			Dialects []string `json:"dialects"`
			Fixable  bool     `json:"fixable"`
			FixIn    []string `json:"fix_dialects,omitempty"`
			Help     string   `json:"help"`
			HelpURI  string   `json:"help_uri"`
		}
		out := struct {
			Version int        `json:"version"`
			Rules   []jsonRule `json:"rules"`
		}{Version: 1}
		for _, r := range rules.All() {
			out.Rules = append(out.Rules, jsonRule{ID: r.ID, Summary: r.Summary, Severity: r.Severity.String(),
				Category: string(r.Category), Dialects: strings.Split(rules.DialectList(r), ", "),
				Fixable: len(r.Fixable) > 0, FixIn: rules.FixDialects(r), Help: r.Help, HelpURI: r.HelpURI()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			say(e.stderr, "%v", err)
			return exitTrouble
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tCATEGORY\tFIX\tDIALECTS\tSUMMARY")
	for _, r := range rules.All() {
		fixable := rules.FixList(r)
		dialects := rules.DialectList(r)
		if len(r.Dialects) == 0 {
			dialects = "all"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Category, fixable, dialects, r.Summary)
	}
	if err := tw.Flush(); err != nil {
		return exitTrouble
	}
	fmt.Fprintln(e.stdout, "\nidemlint explain RULE shows a rule's documentation.")
	return exitOK
}

// cmdExplain prints a rule's page, the same Markdown as docs/rules.
func cmdExplain(args []string, e env) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, "Usage: idemlint explain RULE")
		return exitOK
	}
	if len(args) != 1 {
		return usageFail(e, usagef("explain takes one rule ID (idemlint rules lists them)"))
	}
	r := rules.Lookup(args[0])
	if r == nil {
		return usageFail(e, usagef("unknown rule %q%s (idemlint rules lists them)", args[0], suggest(args[0])))
	}
	fmt.Fprint(e.stdout, rules.Markdown(r))
	return exitOK
}

// pgVersions maps pg_query_go's major version to the PostgreSQL grammar
// its libpg_query carries.
var pgVersions = map[string]string{"v4": "15", "v5": "16", "v6": "17"}

const (
	pgQueryModule = "github.com/pganalyze/pg_query_go/"
	tidbModule    = "github.com/pingcap/tidb/pkg/parser"
)

// cmdVersion prints idemlint's version and its parsers'.
func cmdVersion(args []string, e env) int {
	if len(args) > 0 {
		return usageFail(e, usagef("version takes no arguments"))
	}
	fmt.Fprintf(e.stdout, "idemlint %s\n", versionLine())
	fmt.Fprintf(e.stdout, "go %s %s/%s\n", strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH)
	pg, tidb := "unknown", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			switch {
			case strings.HasPrefix(d.Path, pgQueryModule):
				major := strings.TrimPrefix(d.Path, pgQueryModule)
				pg = "pg_query_go " + d.Version
				if v, ok := pgVersions[major]; ok {
					pg += fmt.Sprintf(" (libpg_query %s-%s, PostgreSQL %s grammar)", v, strings.TrimPrefix(d.Version, "v"), v)
				}
			case d.Path == tidbModule:
				tidb = "TiDB parser " + d.Version
			}
		}
	}
	fmt.Fprintln(e.stdout, pg)
	fmt.Fprintln(e.stdout, tidb)
	var defaults []string
	for _, d := range model.Dialects {
		defaults = append(defaults, model.DefaultTarget(d).String())
	}
	fmt.Fprintf(e.stdout, "default targets: %s\n", strings.Join(defaults, ", "))
	if path, ok := config.Find("."); ok {
		// The configuration's own target, if it loads; a broken file is
		// lint's to report.
		if c, err := config.Load(path); err == nil && !c.Target().IsZero() {
			fmt.Fprintf(e.stdout, "target: %s (%s)\n", c.Target(), safetext.Path(path))
		}
	}
	return exitOK
}

// moduleVersion is idemlint's own version as the build recorded it:
// the release's stamp, the module version under go install, "devel" in a
// source build.
func moduleVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "devel"
	}
	return bi.Main.Version
}
