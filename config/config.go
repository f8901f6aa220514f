// Package config reads .idemlint.yaml: the dialect and framework of each
// path, rule severities (globally and per path), extra ledger tables, the
// failure threshold and excluded paths. Every mistake in the file is an
// error that names the file, the line and the key.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Names are the file names Find looks for, in order.
var Names = []string{".idemlint.yaml", ".idemlint.yml"}

// file is the document as written.
type file struct {
	Version   int               `yaml:"version"`
	Dialect   string            `yaml:"dialect"`
	Framework string            `yaml:"framework"`
	FailOn    string            `yaml:"fail-on"`
	Ledgers   []string          `yaml:"ledgers"`
	Exclude   []string          `yaml:"exclude"`
	Rules     map[string]string `yaml:"rules"`
	Overrides []override        `yaml:"overrides"`
}

type override struct {
	Paths     []string          `yaml:"paths"`
	Dialect   string            `yaml:"dialect"`
	Framework string            `yaml:"framework"`
	Rules     map[string]string `yaml:"rules"`
}

// Config is a loaded, validated configuration.
type Config struct {
	// Path is the file it came from; Dir is where its path globs start.
	Path string
	Dir  string
	// FailOn is the failure threshold: "error", "warning" or "none"
	// ("" when the file does not say).
	FailOn    string
	Ledgers   []string
	Exclude   []string
	dialect   model.Dialect
	framework model.Framework
	severity  map[string]rules.Severity
	overrides []resolvedOverride
}

type resolvedOverride struct {
	paths     []string
	dialect   model.Dialect
	framework model.Framework
	severity  map[string]rules.Severity
}

// Error is a problem at a place in the configuration file.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// Find looks for a configuration file in dir and its parents.
func Find(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load reads and validates a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse validates a configuration read from path.
func Parse(path string, data []byte) (*Config, error) {
	var raw file
	if err := yaml.UnmarshalWithOptions(data, &raw, yaml.Strict(), yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(path, err)
	}
	doc, _ := parser.ParseBytes(data, 0)
	v := &validator{path: path, doc: doc}
	abs, _ := filepath.Abs(path)
	c := &Config{Path: path, Dir: filepath.Dir(abs), Ledgers: raw.Ledgers, Exclude: raw.Exclude}

	if raw.Version != 0 && raw.Version != 1 {
		v.fail("$.version", "version %d is not supported (this idemlint reads version 1)", raw.Version)
	}
	c.dialect = v.dialect("$.dialect", raw.Dialect)
	c.framework = v.framework("$.framework", raw.Framework)
	switch strings.ToLower(raw.FailOn) {
	case "", "error", "warning", "none":
		c.FailOn = strings.ToLower(raw.FailOn)
	default:
		v.fail("$.fail-on", "fail-on must be error, warning or none, not %q", raw.FailOn)
	}
	c.severity = v.rules("$.rules", raw.Rules)
	for i, g := range raw.Exclude {
		v.glob(fmt.Sprintf("$.exclude[%d]", i), g)
	}
	for i, o := range raw.Overrides {
		at := fmt.Sprintf("$.overrides[%d]", i)
		if len(o.Paths) == 0 {
			v.fail(at, "an override needs paths: the globs it applies to")
		}
		for j, g := range o.Paths {
			v.glob(fmt.Sprintf("%s.paths[%d]", at, j), g)
		}
		c.overrides = append(c.overrides, resolvedOverride{
			paths:     o.Paths,
			dialect:   v.dialect(at+".dialect", o.Dialect),
			framework: v.framework(at+".framework", o.Framework),
			severity:  v.rules(at+".rules", o.Rules),
		})
	}
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return c, nil
}

// Settings is what the configuration says about one file.
type Settings struct {
	Dialect   model.Dialect
	Framework model.Framework
	Rules     *rules.Config
}

// For resolves the settings of a file; later overrides win.
func (c *Config) For(path string) Settings {
	s := Settings{Dialect: c.dialect, Framework: c.framework, Rules: &rules.Config{Severity: map[string]rules.Severity{}, Ledgers: c.Ledgers}}
	for id, sev := range c.severity {
		s.Rules.Severity[id] = sev
	}
	rel := c.rel(path)
	for _, o := range c.overrides {
		if !matchAny(o.paths, rel) {
			continue
		}
		if o.dialect != model.DialectUnknown {
			s.Dialect = o.dialect
		}
		if o.framework != model.FrameworkNone {
			s.Framework = o.framework
		}
		for id, sev := range o.severity {
			s.Rules.Severity[id] = sev
		}
	}
	return s
}

// Excluded reports whether a path matches an exclude glob.
func (c *Config) Excluded(path string) bool { return matchAny(c.Exclude, c.rel(path)) }

// rel makes a path relative to the configuration's directory, with
// forward slashes, for glob matching.
func (c *Config) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if r, err := filepath.Rel(c.Dir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// matchAny matches a relative path against globs; a glob matches a
// directory's contents as well as the directory itself.
func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		g = strings.TrimPrefix(filepath.ToSlash(g), "./")
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", rel); ok {
			return true
		}
	}
	return false
}

// validator checks values and reports errors at their place in the file.
type validator struct {
	path string
	doc  *ast.File
	errs []error
}

func (v *validator) fail(yamlPath string, format string, a ...any) {
	e := &Error{Path: v.path, Msg: fmt.Sprintf(format, a...)}
	if p, err := yaml.PathString(yamlPath); err == nil && v.doc != nil {
		if n, err := p.FilterFile(v.doc); err == nil && n != nil {
			tok := n.GetToken()
			e.Line, e.Column = tok.Position.Line, tok.Position.Column
		}
	}
	v.errs = append(v.errs, e)
}

// failAtKey reports an error at a key of the mapping at yamlPath.
func (v *validator) failAtKey(yamlPath, key string, format string, a ...any) {
	e := &Error{Path: v.path, Msg: fmt.Sprintf(format, a...)}
	if p, err := yaml.PathString(yamlPath); err == nil && v.doc != nil {
		if n, err := p.FilterFile(v.doc); err == nil && n != nil {
			tok := n.GetToken()
			e.Line, e.Column = tok.Position.Line, tok.Position.Column
			if m, ok := n.(*ast.MappingNode); ok {
				for _, kv := range m.Values {
					if kv.Key.String() == key {
						tok := kv.Key.GetToken()
						e.Line, e.Column = tok.Position.Line, tok.Position.Column
					}
				}
			}
		}
	}
	v.errs = append(v.errs, e)
}

func (v *validator) dialect(at, s string) model.Dialect {
	if s == "" {
		return model.DialectUnknown
	}
	d, err := model.ParseDialect(s)
	if err != nil {
		v.fail(at, "%v", err)
	}
	return d
}

func (v *validator) framework(at, s string) model.Framework {
	if s == "" {
		return model.FrameworkNone
	}
	f, err := model.ParseFramework(s)
	if err != nil {
		v.fail(at, "%v", err)
	}
	return f
}

func (v *validator) rules(at string, m map[string]string) map[string]rules.Severity {
	out := map[string]rules.Severity{}
	for id, sev := range m {
		key := at + "." + id
		if strings.ContainsAny(id, ".[]'\" ") {
			key = at
		}
		if rules.Lookup(id) == nil {
			v.failAtKey(at, id, "unknown rule %q (idemlint rules lists them)", id)
			continue
		}
		s, err := rules.ParseSeverity(sev)
		if err != nil {
			v.fail(key, "rule %s: %v", id, err)
			continue
		}
		out[id] = s
	}
	return out
}

func (v *validator) glob(at, g string) {
	if !doublestar.ValidatePattern(filepath.ToSlash(g)) {
		v.fail(at, "invalid glob %q", g)
	}
}

// yamlError turns a decoding error into one that names the file and the
// place, without the library's source excerpt.
func yamlError(path string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		e := &Error{Path: path, Msg: ye.GetMessage()}
		if tok := ye.GetToken(); tok != nil {
			e.Line, e.Column = tok.Position.Line, tok.Position.Column
		}
		return e
	}
	return &Error{Path: path, Msg: err.Error()}
}
