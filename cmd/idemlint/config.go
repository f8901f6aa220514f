package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/baseline"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// extOptions are the flags for running idemlint in a project: its
// configuration file, a baseline, and linting only new migrations.
type extOptions struct {
	configPath   string
	noConfig     bool
	baselinePath string
	newSince     string
	warnEdited   bool
	// baselineWrite is set by `idemlint baseline write`: record the
	// findings instead of reporting them.
	baselineWrite bool
}

func addExtFlags(fs *pflag.FlagSet, o *extOptions) {
	fs.StringVar(&o.configPath, "config", "", "read settings from `FILE` (default: .idemlint.yaml or .idemlint.yml in the working directory or above)")
	fs.BoolVar(&o.noConfig, "no-config", false, "read no configuration file")
	fs.StringVar(&o.baselinePath, "baseline", "", "report only findings not recorded in `FILE` (written by idemlint baseline write)")
	fs.StringVar(&o.newSince, "new-since", "", "lint only migration files added since the git revision `REF` (its merge base with HEAD), committed or not")
	fs.BoolVar(&o.warnEdited, "warn-edited", false, "with --new-since: report migration files modified since REF (edited-applied-migration)")
}

// projectConfig finds and loads the configuration file, and lets it fill
// in what the command line left unsaid. Flags always win.
func projectConfig(o *options, fs *pflag.FlagSet) (*config.Config, error) {
	if o.noConfig && o.configPath != "" {
		return nil, usagef("--config and --no-config: choose one")
	}
	if o.noConfig {
		return nil, nil
	}
	path := o.configPath
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		var ok bool
		if path, ok = config.Find(wd); !ok {
			return nil, nil
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, configError(path, err)
	}
	if !fs.Changed("fail-on") && cfg.FailOn != "" {
		o.failOn = cfg.FailOn
	}
	return cfg, nil
}

// configError names the file in every message; config.Load's own errors
// already do, a missing or unreadable file may not.
func configError(path string, err error) error {
	return eachError(err, func(err error) error {
		var ce *config.Error
		if errors.As(err, &ce) || strings.Contains(err.Error(), path) {
			return fmt.Errorf("configuration: %w", err)
		}
		return fmt.Errorf("configuration %s: %w", path, err)
	})
}

// fileSettings is settings() when a configuration file is loaded: the
// file's answer for the path, overridden by the flags that were given.
func (c *lintConfig) fileSettings(path string) (parser.Options, *rules.Config) {
	st := c.file.For(path)
	popt := parser.Options{Dialect: st.Dialect, Target: st.Target, Framework: st.Framework, LintQueryFiles: st.LintQueryFiles}
	if c.parse != model.DialectUnknown {
		popt.Dialect = c.parse
	}
	if !c.target.IsZero() {
		popt.Target = c.target
	}
	if c.fw != "" {
		popt.Framework = c.fw
	}
	rc := &rules.Config{
		Only:     c.rules.Only,
		Disabled: c.rules.Disabled,
		Severity: st.Rules.Severity,
		Ledgers:  append(append([]string(nil), st.Rules.Ledgers...), c.rules.Ledgers...),
		// The connection's settings are the configuration's to say.
		LockTimeoutSet: st.Rules.LockTimeoutSet,
	}
	for id := range c.enabledByFlag {
		// --enable RULE turns on a rule the file turned off.
		if s, ok := rc.Severity[id]; ok && s == rules.SeverityNone {
			delete(rc.Severity, id)
		}
	}
	// As on the command line, an internal error is never silenced: it
	// means the file was not fully checked.
	if s, ok := rc.Severity[rules.InternalError.ID]; ok && s == rules.SeverityNone {
		delete(rc.Severity, rules.InternalError.ID)
	}
	return popt, rc
}

// excluded reports whether the configuration excludes a path.
func (c *lintConfig) excluded(path string) bool {
	return c.file != nil && c.file.Excluded(path)
}

// cmdConfig is `idemlint config init`.
func cmdConfig(args []string, e env) int {
	fs := pflag.NewFlagSet("idemlint config", pflag.ContinueOnError)
	fs.Usage = func() {}
	force := fs.Bool("force", false, "overwrite an existing file")
	help := "Usage: idemlint config init [--force] [FILE]\n\nWrites a commented starting configuration to FILE (default " + config.Names[0] + ").\n\n"
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(e.stdout, help+fs.FlagUsages())
			return exitOK
		}
		return usageFail(e, err)
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] != "init" || len(rest) > 2 {
		return usageFail(e, usagef("usage: idemlint config init [--force] [FILE]"))
	}
	path := config.Names[0]
	if len(rest) == 2 {
		path = rest[1]
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		say(e.stderr, "%s already exists; pass --force to overwrite it", path)
		return exitTrouble
	}
	if err != nil {
		say(e.stderr, "%v", err)
		return exitTrouble
	}
	_, err = f.WriteString(config.Template)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		say(e.stderr, "write %s: %v", path, err)
		return exitTrouble
	}
	abs, _ := filepath.Abs(path)
	say(e.stderr, "wrote %s", abs)
	return exitOK
}

// ext is what the project flags and files add to a lintConfig.
type ext struct {
	// file is the loaded configuration, nil without one.
	file *config.Config
	// enabledByFlag are the rules --enable names.
	enabledByFlag map[string]bool
	// root is the directory fingerprints and baselines name files from.
	root     string
	baseline *baseline.Set
	changes  *gitChanges
}

// project completes the configuration with what the project supplies:
// its configuration file, and the checks of the project flags.
func (c *lintConfig) project(o *options, file *config.Config) error {
	if o.warnEdited && o.newSince == "" {
		return usagef("--warn-edited needs --new-since REF: the revision the edits are measured from")
	}
	c.file = file
	configPath, baselinePath := "", o.baselinePath
	if file != nil {
		configPath = file.Path
	}
	if o.baselineWrite {
		baselinePath = o.output
	}
	c.root = projectRoot(configPath, baselinePath)
	c.enabledByFlag = map[string]bool{}
	for _, id := range o.enable {
		if id = strings.TrimSpace(id); id != "" {
			c.enabledByFlag[id] = true
		}
	}
	return nil
}
