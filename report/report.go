// Package report writes lint results in the formats users and tools read:
// one file per format, each registering itself under its --format name,
// all reading the same input.
package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// File is one linted file and what was found in it, in source order.
type File struct {
	Script   *model.Script
	Findings []rules.Finding
	// sectionsAt are the sections' start and end, resolved by Detach for a
	// file it kept no text of.
	sectionsAt []model.Position
}

// Options tune the output. The command fills them; formats ignore what
// they do not use.
type Options struct {
	// Color turns on ANSI colours (text only). The command decides.
	Color bool
	// Root is the absolute directory that repository-relative URIs are
	// relative to (SARIF); empty means the working directory.
	Root string
	// Version is idemlint's version, for the tool sections.
	Version string
	// Rules are the rules that ran, for formats that describe them
	// (SARIF); nil means the whole registry.
	Rules []*rules.Rule
	// Getenv reads the environment, for formats that write where CI
	// tells them to (a job summary); nil means os.Getenv.
	Getenv func(string) string
	// Baselined is how many findings a baseline file hid from files, for
	// the summaries that say so.
	Baselined int
	// Unreadable is how many paths or files could not be read at all
	// (missing, unreadable): the summaries must not call such a run clean.
	Unreadable int
}

// Writer writes every file's findings to w in one format.
type Writer func(w io.Writer, files []File, opt Options) error

var formats = map[string]Writer{}

// register adds a format; each format file calls it from init.
func register(name string, fn Writer) {
	if _, dup := formats[name]; dup {
		panic("report: format registered twice: " + name)
	}
	formats[name] = fn
}

// Lookup finds a format by its --format name.
func Lookup(name string) (Writer, bool) {
	fn, ok := formats[name]
	if !ok {
		return nil, false
	}
	return noLegacyCommands(name, fn), true
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Summary counts what a run found.
type Summary struct {
	Files    int `json:"files"`
	Affected int `json:"files_with_findings"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Fixable  int `json:"fixable"`
	// Baselined counts findings a baseline hid; they are in no other
	// count.
	Baselined int `json:"baselined"`
	// Unreadable counts paths and files that could not be read at all.
	Unreadable int `json:"unreadable"`
}

// Summarize counts findings by severity.
func Summarize(files []File) Summary {
	var s Summary
	for _, f := range files {
		s.add(f)
	}
	return s
}

// add counts one file.
func (s *Summary) add(f File) {
	s.Files++
	if len(f.Findings) > 0 {
		s.Affected++
	}
	for i := range f.Findings {
		x := &f.Findings[i]
		s.Findings++
		switch severityOf(x) {
		case rules.Error:
			s.Errors++
		case rules.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
		if x.Fix != nil && len(x.Fix.Edits) > 0 {
			s.Fixable++
		}
	}
}

// summarize is Summarize with what only the options know.
func summarize(files []File, opt Options) Summary {
	s := Summarize(files)
	s.Baselined = opt.Baselined
	s.Unreadable = opt.Unreadable
	return s
}

// severityOf is the finding's severity, falling back on the rule's default
// for findings that did not pass through the engine.
func severityOf(f *rules.Finding) rules.Severity {
	if f.Severity != rules.SeverityNone {
		return f.Severity
	}
	return f.Rule.Severity
}

// helpOf is the one line of help a finding shows.
func helpOf(f *rules.Finding) string {
	h := f.Help
	if h == "" {
		h = f.Rule.Help
	}
	h, _, _ = strings.Cut(h, "\n")
	return strings.TrimSpace(h)
}

// span returns the finding's span clamped to the source, so that no
// format ever reads past it.
func span(s *model.Script, sp model.Span) model.Span {
	n := len(s.Source)
	clamp := func(x int) int { return max(0, min(x, n)) }
	sp.Start, sp.End = clamp(sp.Start), clamp(sp.End)
	if sp.End < sp.Start {
		sp.End = sp.Start
	}
	return sp
}

// location is how URI-based formats name a file: relative to the root
// with uriBaseID set when the file lies under it, an absolute file URI
// otherwise.
type location struct {
	URI       string
	URIBaseID string
}

// srcRoot is the SARIF base ID of the repository root.
const srcRoot = "%SRCROOT%"

// locator names files relative to one root (the working directory when
// root is empty), which it reads once: the working directory costs system
// calls, and a run names thousands of files.
type locator struct {
	root, wd string
	wdErr    error
}

func newLocator(root string) *locator {
	l := &locator{root: root}
	l.wd, l.wdErr = os.Getwd()
	if l.root == "" && l.wdErr == nil {
		l.root = l.wd
	}
	return l
}

func (l *locator) locate(path string) location {
	root := l.root
	abs := path
	if !filepath.IsAbs(abs) {
		if l.wdErr != nil {
			return location{URI: escapePath(filepath.ToSlash(path))}
		}
		abs = filepath.Join(l.wd, path) // as filepath.Abs does
	}
	if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return location{URI: escapePath(filepath.ToSlash(rel)), URIBaseID: srcRoot}
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows drive letters
	}
	return location{URI: u.String()}
}

// escapePath percent-encodes what a relative URI reference cannot hold
// (spaces, '%', '#', '?') and leaves the slashes.
func escapePath(p string) string {
	e := (&url.URL{Path: p}).EscapedPath()
	// A colon in the first segment would read as a URI scheme.
	if first, _, _ := strings.Cut(e, "/"); strings.Contains(first, ":") {
		e = "./" + e
	}
	return e
}

// positionOf converts an offset through the script's line table, the one
// place offsets become line:column.
func positionOf(s *model.Script, off int) model.Position {
	if s.Lines == nil {
		s.Lines = model.NewLines(s.Source)
	}
	return s.Lines.Position(off)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
