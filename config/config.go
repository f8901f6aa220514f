// Package config reads .idemlint.yaml: the dialect and framework of each
// path, rule severities (globally and per path), extra ledger tables, the
// failure threshold and excluded paths. Every mistake in the file is an
// error that names the file, the line and the key.
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Names are the file names Find looks for, in order.
var Names = []string{".idemlint.yaml", ".idemlint.yml"}

// file is the document as written.
type file struct {
	Version   int               `yaml:"version"`
	Dialect   string            `yaml:"dialect"`
	Target    string            `yaml:"target"`
	Framework string            `yaml:"framework"`
	FailOn    string            `yaml:"fail-on"`
	Ledgers   []string          `yaml:"ledgers"`
	Exclude   []string          `yaml:"exclude"`
	Rules     map[string]string `yaml:"rules"`
	Overrides []override        `yaml:"overrides"`
	// QueryFiles is "skip" (the default) or "lint": what to do with
	// query files (sqlc, yesql, HugSQL ...), which are not migrations.
	QueryFiles string `yaml:"query-files"`
	// LockTimeout is "connection" when the connection or the framework
	// sets lock_timeout for every migration (a role or database default,
	// a DSN option, a framework setting), or "file" (the default): each
	// file sets it itself.
	LockTimeout string `yaml:"lock-timeout"`
}

type override struct {
	Paths       []string          `yaml:"paths"`
	Dialect     string            `yaml:"dialect"`
	Target      string            `yaml:"target"`
	Framework   string            `yaml:"framework"`
	Rules       map[string]string `yaml:"rules"`
	QueryFiles  string            `yaml:"query-files"`
	LockTimeout string            `yaml:"lock-timeout"`
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
	target    model.Target
	framework model.Framework
	severity  map[string]rules.Severity
	overrides []resolvedOverride
	// lintQueries is set by query-files: lint.
	lintQueries bool
	// lockTimeout is set by lock-timeout: connection.
	lockTimeout bool
}

type resolvedOverride struct {
	paths     []string
	dialect   model.Dialect
	target    model.Target
	framework model.Framework
	severity  map[string]rules.Severity
	// queryFiles is true (lint), false (skip), or nil (as above).
	queryFiles *bool
	// lockTimeout is true (connection), false (file), or nil (as above).
	lockTimeout *bool
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

// Bounds on a configuration file, checked before the YAML parser builds
// anything from it. A pull request can add the file, and the parser's time
// and memory grow steeply with nesting: 40,000 levels of [[[...]]] took
// about two minutes and 2.5 GB. A real configuration is a few kilobytes
// and nests four or five levels.
const (
	// MaxSize is the largest file read, in bytes. Tokenizing it takes
	// about a quarter of a second and 75 MB at worst.
	MaxSize = 256 << 10
	// MaxDepth bounds the nesting: each open flow collection ([ or {)
	// counts one level, each block indentation level two (a block
	// sequence may sit at its parent mapping's indentation).
	MaxDepth = 64
)

// Load reads and validates a configuration file, reading no more than
// it may hold.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse validates a configuration read from path.
func Parse(path string, data []byte) (*Config, error) {
	if len(data) > MaxSize {
		p := model.NewLines(data).Position(MaxSize)
		return nil, &Error{Path: path, Line: p.Line, Column: p.Column,
			Msg: fmt.Sprintf("the file is larger than %d KiB: a configuration needs a few kilobytes", MaxSize>>10)}
	}
	// The YAML library's own tokenizer (linear in the input) gives the
	// nesting, so that the bound counts exactly what its parser will
	// build; the parser then reuses the tokens.
	text := string(data)
	tokens := lexer.Tokenize(text)
	if tk := tooDeep([]rune(text), tokens); tk != nil {
		return nil, &Error{Path: path, Line: tk.Position.Line, Column: tk.Position.Column,
			Msg: fmt.Sprintf("nested more than %d levels deep: a configuration needs a few", MaxDepth)}
	}
	var doc *ast.File
	err := contain(path, func() (err error) {
		doc, err = parser.Parse(tokens, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	var raw file
	decoded := false
	for _, d := range doc.Docs {
		switch {
		case d.Body == nil:
			// An empty document (a lone --- or a file of comments).
		case !decoded:
			decoded = true
			err := contain(path, func() error {
				return yaml.NodeToValue(d.Body, &raw, yaml.Strict(), yaml.DisallowUnknownField())
			})
			if err != nil {
				return nil, err
			}
		default:
			// A second document would be silently ignored by a decoder:
			// say so instead.
			tk := d.Start
			if tk == nil {
				tk = d.Body.GetToken()
			}
			return nil, &Error{Path: path, Line: tk.Position.Line, Column: tk.Position.Column,
				Msg: "a second YAML document: the configuration is one document (remove the --- and what follows, or merge them)"}
		}
	}
	v := &validator{path: path, doc: doc}
	abs, _ := filepath.Abs(path)
	c := &Config{Path: path, Dir: filepath.Dir(abs), Ledgers: raw.Ledgers, Exclude: raw.Exclude}

	if raw.Version != 0 && raw.Version != 1 {
		v.fail("$.version", "version %d is not supported (this idemlint reads version 1)", raw.Version)
	}
	c.dialect = v.dialect("$.dialect", raw.Dialect)
	c.target = v.target("$.target", raw.Target, c.dialect)
	c.framework = v.framework("$.framework", raw.Framework)
	switch strings.ToLower(raw.FailOn) {
	case "", "error", "warning", "none":
		c.FailOn = strings.ToLower(raw.FailOn)
	default:
		v.fail("$.fail-on", "fail-on must be error, warning or none, not %q", raw.FailOn)
	}
	c.severity = v.rules("$.rules", raw.Rules)
	if q := v.queryFiles("$.query-files", raw.QueryFiles); q != nil {
		c.lintQueries = *q
	}
	if l := v.lockTimeout("$.lock-timeout", raw.LockTimeout); l != nil {
		c.lockTimeout = *l
	}
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
			paths:       o.Paths,
			dialect:     v.dialect(at+".dialect", o.Dialect),
			target:      v.target(at+".target", o.Target, v.dialect(at+".dialect", o.Dialect)),
			framework:   v.framework(at+".framework", o.Framework),
			severity:    v.rules(at+".rules", o.Rules),
			queryFiles:  v.queryFiles(at+".query-files", o.QueryFiles),
			lockTimeout: v.lockTimeout(at+".lock-timeout", o.LockTimeout),
		})
	}
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return c, nil
}

// Target is the top-level target; zero when the file does not set one.
func (c *Config) Target() model.Target { return c.target }

// Settings is what the configuration says about one file.
type Settings struct {
	Dialect model.Dialect
	// Target is the server version; zero when the file does not say.
	// Its dialect is Dialect's whenever both are set.
	Target    model.Target
	Framework model.Framework
	Rules     *rules.Config
	// LintQueryFiles says to lint query files (sqlc, yesql, HugSQL ...)
	// like migrations instead of skipping them.
	LintQueryFiles bool
}

// For resolves the settings of a file; later overrides win.
func (c *Config) For(path string) Settings {
	s := Settings{Dialect: c.dialect, Target: c.target, Framework: c.framework, LintQueryFiles: c.lintQueries,
		Rules: &rules.Config{Severity: map[string]rules.Severity{}, Ledgers: c.Ledgers, LockTimeoutSet: c.lockTimeout}}
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
		if !o.target.IsZero() {
			s.Target = o.target
			if o.dialect == model.DialectUnknown {
				s.Dialect = o.target.Dialect
			}
		}
		if s.Dialect != model.DialectUnknown && !s.Target.IsZero() && s.Target.Dialect != s.Dialect {
			// An override names another dialect than the target above
			// it: that dialect's default version.
			s.Target = model.Target{}
		}
		if o.framework != model.FrameworkNone {
			s.Framework = o.framework
		}
		if o.queryFiles != nil {
			s.LintQueryFiles = *o.queryFiles
		}
		if o.lockTimeout != nil {
			s.Rules.LockTimeoutSet = *o.lockTimeout
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

// queryFiles reads query-files: skip or lint; nil when not set.
func (v *validator) queryFiles(at, s string) *bool {
	switch strings.ToLower(s) {
	case "":
		return nil
	case "skip":
		return new(bool)
	case "lint":
		t := true
		return &t
	}
	v.fail(at, "query-files must be skip or lint, not %q", s)
	return nil
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

// lockTimeout reads lock-timeout: connection or file.
func (v *validator) lockTimeout(at, s string) *bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return nil
	case "file":
		return new(bool)
	case "connection":
		t := true
		return &t
	}
	v.fail(at, "lock-timeout must be file or connection, not %q", s)
	return nil
}

// target reads a target version; its dialect must agree with the
// dialect written beside it.
func (v *validator) target(at, s string, d model.Dialect) model.Target {
	if s == "" {
		return model.Target{}
	}
	t, err := model.ParseTarget(s)
	if err != nil {
		v.fail(at, "%v", err)
		return model.Target{}
	}
	if d != model.DialectUnknown && d != t.Dialect {
		v.fail(at, "target %s is not for dialect %s", t, d)
		return model.Target{}
	}
	return t
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

// contain runs a step of the YAML library and returns its error as
// yamlError does. The library can panic on odd input (goccy/go-yaml
// 1.19 dereferences nil on a tag it does not know before a list, as in
// "exclude: !x 0"): that is an error in the file, not a crash.
func contain(path string, step func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Path: path, Msg: fmt.Sprintf("the YAML reader failed on this file (%v); simplify it", r)}
		}
	}()
	if err := step(); err != nil {
		return yamlError(path, err)
	}
	return nil
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

// tooDeep returns the token at which the nesting first passes MaxDepth,
// or nil; src is the text the tokens were read from. Flow collections
// count one level each. Block collections are counted by the columns
// they are indented to: a token that starts a line closes the levels
// indented as far or further and opens its own, and so does the first
// token after a "- " or "? " on the same line ("- - - x" nests three
// sequences on one line). Each column counts two levels, since a block
// sequence may be indented as far as the mapping key that holds it.
// Where a line starts with a tab, which YAML does not define as
// indentation, nothing is closed.
func tooDeep(src []rune, tokens token.Tokens) *token.Token {
	flow := 0
	var cols []int
	var prev token.Type
	for _, tk := range tokens {
		if tk.Type == token.CommentType || tk.Position == nil {
			continue
		}
		col := tk.Position.Column
		if flow == 0 {
			switch lineStart(src, tk.Position.Offset-1) {
			case startsLine:
				for len(cols) > 0 && cols[len(cols)-1] >= col {
					cols = cols[:len(cols)-1]
				}
				cols = append(cols, col)
			case maybeStartsLine:
				cols = append(cols, col)
			default:
				if prev == token.SequenceEntryType || prev == token.MappingKeyType {
					cols = append(cols, col)
				}
			}
		}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(0, flow-1)
		}
		if 2*len(cols)+flow > MaxDepth {
			return tk
		}
		prev = tk.Type
	}
	return nil
}

const (
	midLine = iota
	startsLine
	maybeStartsLine
)

// lineStart says whether the character at index i of src is the first
// on its line but for spaces; maybeStartsLine when tabs come before it
// or i is out of range.
func lineStart(src []rune, i int) int {
	if i < 0 || i >= len(src) {
		return maybeStartsLine
	}
	tab := false
	for j := i - 1; j >= 0; j-- {
		switch src[j] {
		case ' ':
		case '\t':
			tab = true
		case '\n', '\r':
			if tab {
				return maybeStartsLine
			}
			return startsLine
		default:
			return midLine
		}
	}
	if tab {
		return maybeStartsLine
	}
	return startsLine
}
