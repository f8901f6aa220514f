package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Version is the version of the baseline file this idemlint reads and
// writes. It changes when fingerprints are computed differently, since an
// old file would then match nothing.
const Version = 1

// DefaultPath is where `idemlint baseline write` writes without -o.
const DefaultPath = ".idemlint-baseline.json"

// document is the file as written. Line and message are for the people
// who read the file in review; only the fingerprint is matched.
type document struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding.
type Entry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

// Recordable reports whether a finding belongs in a baseline: an internal
// error means a file was not fully checked, which no baseline may hide.
func Recordable(f *rules.Finding) bool { return f.Rule.ID != rules.InternalError.ID }

// Entries records one file's findings.
func Entries(s *model.Script, findings []rules.Finding, root string) []Entry {
	fps := Fingerprints(s, findings, root)
	path := NormalizePath(s.Path, root)
	var out []Entry
	for i := range findings {
		f := &findings[i]
		if !Recordable(f) {
			continue
		}
		line := 0
		if s.Lines != nil {
			line = s.Lines.Position(f.Span.Start).Line
		}
		out = append(out, Entry{Rule: f.Rule.ID, Path: path, Line: line, Message: f.Message, Fingerprint: fps[i]})
	}
	return out
}

// Write writes a baseline of the entries, sorted by path, line and rule so
// that rewriting it after a small change gives a small diff.
func Write(w io.Writer, entries []Entry) error {
	sorted := append([]Entry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	doc := document{Version: Version, Tool: "idemlint", Findings: sorted}
	if doc.Findings == nil {
		doc.Findings = []Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// Set is a loaded baseline.
type Set struct {
	Path    string
	entries []Entry
	byFP    map[string]int // fingerprint -> index in entries
}

// Len is the number of recorded findings.
func (s *Set) Len() int { return len(s.entries) }

// MaxSize is the largest baseline file read, in bytes: some 200,000
// findings. A pull request can replace the file; this keeps reading it
// to a second or so.
const MaxSize = 64 << 20

// Load reads a baseline file, no more of it than MaxSize allows. Every
// problem names the file; a syntax error also names the line and column.
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a baseline read from path. A UTF-8 byte order mark, which
// some editors add, is allowed.
func Parse(path string, data []byte) (*Set, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("baseline %s: %s", path, fmt.Sprintf(format, a...))
	}
	if len(data) > MaxSize {
		return nil, fail("larger than %d MiB: write it again with idemlint baseline write, or fix more findings first", MaxSize>>20)
	}
	// Positions in errors stay right: a byte order mark is no column.
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	// The version is read first, so that a newer file says so instead of
	// failing on a field it does not have.
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fail("%s", jsonError(data, err))
	}
	switch {
	case head.Version == nil:
		return nil, fail("no version: not an idemlint baseline (write one with idemlint baseline write)")
	case *head.Version != Version:
		return nil, fail("version %d is not supported (this idemlint reads version %d); rewrite it with idemlint baseline write", *head.Version, Version)
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fail("%s", jsonError(data, err))
	}
	if doc.Findings == nil {
		return nil, fail("no findings list")
	}
	s := &Set{Path: path, entries: doc.Findings, byFP: make(map[string]int, len(doc.Findings))}
	for i, e := range doc.Findings {
		if e.Fingerprint == "" || e.Rule == "" || e.Path == "" {
			return nil, fail("finding %d lacks a rule, path or fingerprint", i+1)
		}
		s.byFP[e.Fingerprint] = i
	}
	return s, nil
}

// jsonError says where a decoding error is, as line:column when the
// decoder gives an offset. The offset counts the bytes read, so the
// offending one is the last of them.
func jsonError(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err.Error()
	}
	lines := model.NewLines(data)
	p := lines.Position(int(max(0, min(off-1, int64(len(data))))))
	return fmt.Sprintf("%d:%d: %v", p.Line, p.Column, err)
}

// Filter splits one file's findings into those the baseline does not
// record, which are kept, and the fingerprints of those it does, which are
// hidden. It only reads the set, so files may be filtered concurrently.
func (s *Set) Filter(script *model.Script, findings []rules.Finding, root string) (kept []rules.Finding, hidden []string) {
	if s == nil || len(findings) == 0 {
		return findings, nil
	}
	fps := Fingerprints(script, findings, root)
	kept = findings[:0:0]
	for i := range findings {
		if _, ok := s.byFP[fps[i]]; ok && Recordable(&findings[i]) {
			hidden = append(hidden, fps[i])
			continue
		}
		kept = append(kept, findings[i])
	}
	return kept, hidden
}

// About counts the recorded findings that belong to the given files
// (normalized paths). None at all, from a baseline that records some,
// usually means its paths were written from another project root.
func (s *Set) About(linted map[string]bool) int {
	if s == nil {
		return 0
	}
	n := 0
	for _, e := range s.entries {
		if linted[e.Path] {
			n++
		}
	}
	return n
}

// Stale counts recorded findings of the given files (normalized paths)
// that no longer occur: fixed, or changed enough to count as new. Only
// files that were linted count, so that linting a part of a project does
// not call the rest stale.
func (s *Set) Stale(linted map[string]bool, matched map[string]bool) int {
	if s == nil {
		return 0
	}
	n := 0
	for _, e := range s.entries {
		if linted[e.Path] && !matched[e.Fingerprint] {
			n++
		}
	}
	return n
}
