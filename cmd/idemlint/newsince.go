package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// gitChanges is what changed in the work tree since a revision: files
// added (committed, staged or untracked) and files modified, by absolute
// path with symlinks resolved.
type gitChanges struct {
	ref  string
	base string // the merge base of ref and HEAD
	top  string
	// added and modified are keyed by canonical path; modified holds the
	// first changed line of the file as it is now (1-based).
	added    map[string]bool
	modified map[string]int
}

// runGit runs git in dir and returns its standard output; an error carries
// git's own message.
func runGit(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		var ee *exec.Error
		if errors.As(err, &ee) {
			msg = "git is not installed: " + err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out.Bytes(), nil
}

// changesSince lists the migration candidates added or modified since
// ref, the way a pull request sees them:
//
//   - base is `git merge-base REF HEAD`, so that commits on REF after the
//     branch point do not count;
//   - `git diff --name-status --no-renames BASE` compares base with the
//     work tree, so committed, staged and unstaged changes all count; a
//     renamed file is a deletion and an addition, because migration tools
//     run a file again under its new name;
//   - `git ls-files --others --exclude-standard` adds untracked files that
//     are not ignored.
//
// Status A is added, M and T modified; deleted files are not linted.
func changesSince(ref string, edits bool) (*gitChanges, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	out, err := runGit(wd, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-since needs a git work tree: %w", err)
	}
	top := canonical(strings.TrimSpace(string(out)))
	if _, err := runGit(top, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-since: %q is not a commit in this repository (fetch it first, e.g. git fetch origin main)", ref)
	}
	out, err = runGit(top, "merge-base", ref, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("--new-since: no common history with %s (a shallow clone? fetch the full history, e.g. actions/checkout with fetch-depth: 0): %w", ref, err)
	}
	g := &gitChanges{ref: ref, base: strings.TrimSpace(string(out)), top: top, added: map[string]bool{}, modified: map[string]int{}}
	out, err = runGit(top, "-c", "core.quotePath=false", "diff", "--name-status", "--no-renames", "--no-ext-diff", "-z", g.base, "--")
	if err != nil {
		return nil, err
	}
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		status, path := fields[i], filepath.Join(top, filepath.FromSlash(fields[i+1]))
		switch status {
		case "A":
			g.added[path] = true
		case "M", "T":
			if edits {
				line, err := g.firstChangedLine(fields[i+1])
				if err != nil {
					return nil, err
				}
				g.modified[path] = line
			}
		}
	}
	out, err = runGit(top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			g.added[filepath.Join(top, filepath.FromSlash(p))] = true
		}
	}
	return g, nil
}

// firstChangedLine reads the first hunk header of the file's diff against
// the base: "@@ -a,b +c,d @@" changes the new file from line c; with d = 0
// lines were only deleted, after line c.
func (g *gitChanges) firstChangedLine(rel string) (int, error) {
	out, err := runGit(g.top, "diff", "-U0", "--no-renames", "--no-ext-diff", "--no-color", g.base, "--", rel)
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "@@ ") {
			continue
		}
		f := strings.Fields(l)
		if len(f) < 3 || !strings.HasPrefix(f[2], "+") {
			break
		}
		start, count, _ := strings.Cut(f[2][1:], ",")
		c, err := strconv.Atoi(start)
		if err != nil {
			break
		}
		if count == "0" {
			c++
		}
		return max(c, 1), nil
	}
	// A change git shows without hunks (mode, binary): the top of the file.
	return 1, nil
}

// classify says whether a file to lint was added (lint it) or modified
// (line of the first change, or 0) since the revision.
func (g *gitChanges) classify(path string) (added bool, editedAt int) {
	p := canonical(path)
	return g.added[p], g.modified[p]
}

// canonical is an absolute path with symlinks resolved, so that a path
// given on the command line and one from git compare equal.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// keep narrows the files to lint to those added since the revision, and
// marks those modified since it when edits are reported.
func (g *gitChanges) keep(inputs []input) []input {
	var out []input
	for _, in := range inputs {
		added, at := g.classify(in.path)
		switch {
		case added:
			out = append(out, in)
		case at > 0:
			in.editedAt = at
			out = append(out, in)
		}
	}
	return out
}

// describe is the --verbose line about what --new-since kept.
func (g *gitChanges) describe(candidates int, kept []input) string {
	edited := 0
	for _, in := range kept {
		if in.editedAt > 0 {
			edited++
		}
	}
	msg := fmt.Sprintf("--new-since %s (merge base %.12s): of %d files, %d added since", g.ref, g.base, candidates, len(kept)-edited)
	if edited > 0 {
		msg += fmt.Sprintf(", %d edited", edited)
	}
	return msg
}

// editedScript is what an edited migration shows: its text, so that the
// finding has a line, and the one finding at its first changed line.
func editedScript(in input, src []byte, c *lintConfig) (*model.Script, []rules.Finding) {
	s := &model.Script{Path: in.path, Source: src, Lines: model.NewLines(src)}
	_, cfg := c.settings(in.path)
	if !cfg.Enabled(rules.EditedAppliedMigration.ID) {
		return s, nil
	}
	line := min(in.editedAt, s.Lines.Count())
	start := s.Lines.LineStart(line)
	end := start + len(s.Lines.LineText(line))
	if line == 1 && bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		// LineText leaves out the byte order mark that LineStart counts.
		end += 3
	}
	ref := c.changes.ref
	f := rules.Finding{Rule: rules.EditedAppliedMigration, Severity: cfg.SeverityOf(rules.EditedAppliedMigration),
		Message: fmt.Sprintf("this migration already existed at %s and has been edited since: databases that ran it will not run it again", ref),
		Help:    rules.EditedAppliedMigration.Help, Span: model.Span{Start: start, End: end}}
	return s, []rules.Finding{f}
}
