package lsp

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/fix"
	"github.com/idemlint/idemlint/internal/gctune"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// checked is one lint of one text of a document: what its diagnostics,
// code actions and hovers are made from.
type checked struct {
	script   *model.Script
	findings []rules.Finding
	// fixes[i] are the edits of findings[i]'s fix as --fix would make
	// them, or nil when none is offered; fixAll are all of them at once.
	fixes  [][]model.Edit
	fixAll []model.Edit
	// problem, when set, is the only diagnostic: the configuration could
	// not be read, and the command would not lint either.
	problem string
}

// linter lints documents the way the command lints files: the same
// configuration file, dialect inference, rules and suppressions.
type linter struct {
	opts Options
	// root is the workspace folder, where a document that is not a file
	// (an unsaved buffer) looks for its configuration.
	root string

	mu    sync.Mutex
	cache map[string]*loaded
}

// loaded is a configuration file as read, kept until the file changes.
type loaded struct {
	mod  time.Time
	size int64
	cfg  *config.Config
	err  error
}

// configFor finds the configuration a file is linted with: --config, or
// .idemlint.yaml in the file's folder or above (the command looks from
// the working directory; an editor's working directory says nothing
// about the file, its folder does). nil when there is none.
func (l *linter) configFor(path string) (*config.Config, error) {
	if l.opts.NoConfig {
		return nil, nil
	}
	p := l.opts.ConfigPath
	if p == "" {
		dir := l.root
		if filepath.IsAbs(path) {
			dir = filepath.Dir(path)
		}
		if dir == "" {
			return nil, nil
		}
		var ok bool
		if p, ok = config.Find(dir); !ok {
			return nil, nil
		}
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.cache[p]; ok && c.mod.Equal(st.ModTime()) && c.size == st.Size() {
		return c.cfg, c.err
	}
	cfg, err := config.Load(p)
	if l.cache == nil {
		l.cache = map[string]*loaded{}
	}
	l.cache[p] = &loaded{mod: st.ModTime(), size: st.Size(), cfg: cfg, err: err}
	return cfg, err
}

// settings is config.Settings as the command reads it with no flags
// given (cmd/idemlint fileSettings).
func settings(cfg *config.Config, path string) (parser.Options, *rules.Config) {
	if cfg == nil {
		return parser.Options{}, &rules.Config{}
	}
	st := cfg.For(path)
	popt := parser.Options{Dialect: st.Dialect, Target: st.Target, Framework: st.Framework, LintQueryFiles: st.LintQueryFiles}
	rc := &rules.Config{Severity: st.Rules.Severity, Ledgers: st.Rules.Ledgers}
	// As on the command line, an internal error is never silenced: it
	// means the file was not fully checked.
	if s, ok := rc.Severity[rules.InternalError.ID]; ok && s == rules.SeverityNone {
		delete(rc.Severity, rules.InternalError.ID)
	}
	return popt, rc
}

// lint checks one document's text; path is its file name, which decides
// the configuration, the dialect and the framework as it does for the
// command.
func (l *linter) lint(path string, src []byte) *checked {
	cfg, err := l.configFor(path)
	if err != nil {
		return &checked{script: stub(path, src), problem: "configuration: " + err.Error()}
	}
	if cfg != nil && filepath.IsAbs(path) && cfg.Excluded(path) {
		// The command skips an excluded file even when it is named.
		return &checked{script: stub(path, src)}
	}
	popt, rc := settings(cfg, path)
	if off, msg, help, ok := l.checkInput(src); !ok {
		c := &checked{script: stub(path, src)}
		if rc.Enabled(rules.InvalidInput.ID) {
			c.findings = []rules.Finding{{Rule: rules.InvalidInput, Severity: rc.SeverityOf(rules.InvalidInput),
				Message: msg, Help: help, Span: model.Span{Start: off, End: min(off+1, len(src))}}}
		}
		return c
	}
	defer gctune.Expect(len(src))()
	c := &checked{}
	var all []rules.Finding
	c.script, all = parseAndLint(path, src, popt, rc)
	c.findings = all
	c.fixes = make([][]model.Edit, len(all))
	// Fixes are offered where --fix would write them: not in a file the
	// parser did not fully read, and not at all when the fixed text
	// would draw more syntax errors than the original.
	if fix.Refusal(c.script, all) != "" || !hasFix(all) {
		return c
	}
	whole, _ := fix.File(c.script, all)
	if !whole.Changed() {
		return c
	}
	if _, after := parseAndLint(path, whole.Source, popt, rc); count(after, rules.SyntaxError) > count(all, rules.SyntaxError) {
		return c
	}
	c.fixAll = whole.Edits
	for i, f := range all {
		if f.Fix == nil {
			continue
		}
		if one, _ := fix.File(c.script, []rules.Finding{f}); len(one.Applied) == 1 {
			c.fixes[i] = one.Edits
		}
	}
	return c
}

// checkInput is the command's check (cmd/idemlint checkInput) for text
// that came from a client: a NUL byte, or more than the size limit. A
// client's text is always UTF-8: JSON carries nothing else.
func (l *linter) checkInput(src []byte) (off int, msg, help string, ok bool) {
	limit := l.opts.maxSize()
	body := src
	if int64(len(src)) > limit {
		body = src[:limit]
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return i, "the file contains a NUL byte: it looks binary, not SQL text; skipped", rules.InvalidInput.Help, false
	}
	if int64(len(src)) > limit {
		return int(limit), fmt.Sprintf("the file is larger than the maximum file size (%s); skipped", sizeString(limit)),
			"raise idemlint lsp --max-file-size if this really is one migration", false
	}
	return -1, "", "", true
}

func sizeString(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

func stub(path string, src []byte) *model.Script {
	return &model.Script{Path: path, Source: src, Lines: model.NewLines(src)}
}

// parseAndLint runs the parser and the rules, turning a crash in the
// parser into an internal-error finding, as the command does: a server
// that dies on one file takes the editor's diagnostics with it.
func parseAndLint(path string, src []byte, popt parser.Options, rc *rules.Config) (s *model.Script, fs []rules.Finding) {
	defer func() {
		if e := recover(); e != nil {
			s = stub(path, src)
			stack := debug.Stack()
			if len(stack) > 600 {
				stack = stack[:600]
			}
			fs = []rules.Finding{{Rule: rules.InternalError, Severity: rules.Error,
				Message: fmt.Sprintf("the parser failed on this file: %v", e),
				Help:    "please report this with the file attached; stack: " + string(stack)}}
		}
	}()
	s = parser.Parse(path, src, popt)
	return s, rules.Run(s, rc)
}

func hasFix(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Fix != nil {
			return true
		}
	}
	return false
}

func count(fs []rules.Finding, r *rules.Rule) int {
	n := 0
	for _, f := range fs {
		if f.Rule == r {
			n++
		}
	}
	return n
}
