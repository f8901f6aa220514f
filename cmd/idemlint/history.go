package main

import (
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/verify"
)

// withHistory lints again, knowing the tables the migrations before them
// built, the files whose conflict guards that knowledge changes: an
// INSERT ... ON CONFLICT DO NOTHING into a table an earlier migration
// created with only a serial key guards nothing. The migrations of one
// folder run in their framework's order (as verify applies them); down
// files and down sections are not part of the history. Files are first
// linted on their own, in parallel; only the few that insert with a
// conflict guard into a table an earlier file created are read again.
func withHistory(results []result, c *lintConfig) {
	groups := map[string][]int{}
	var order []string
	for i, r := range results {
		if r.err != nil || r.script == nil || r.in.stdin || r.in.editedAt > 0 || !verify.IsUp(r.in.path) {
			continue
		}
		dir := migrationRoot(r.in.path)
		if groups[dir] == nil {
			order = append(order, dir)
		}
		groups[dir] = append(groups[dir], i)
	}
	for _, dir := range order {
		idx := groups[dir]
		if len(idx) < 2 {
			continue
		}
		paths := make([]string, len(idx))
		byPath := map[string]int{}
		for k, i := range idx {
			paths[k] = results[i].in.path
			byPath[results[i].in.path] = i
		}
		verify.Sort(paths)
		hist := map[model.Dialect]*schema.History{}
		for _, p := range paths {
			r := &results[byPath[p]]
			d := r.script.Dialect
			if hist[d] == nil {
				hist[d] = schema.New(d)
			}
			h := hist[d]
			if guardsDependOn(r.script, h) {
				prior := h.Clone()
				script, all := parseAndLintWith(r.in.path, r.script.Source, c, prior)
				r.script = script
				r.findings, r.hidden = c.filterBaseline(script, all)
			}
			h.ApplyScript(r.script)
		}
	}
}

// guardsDependOn reports whether the script inserts with a conflict guard
// into a table whose keys the history knows: only then can the history
// change a verdict.
func guardsDependOn(s *model.Script, h *schema.History) bool {
	found := false
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			if e.Action == model.ActInsert && schema.KeyGuard(e.Guard) && e.GuardVoid == "" {
				if _, ok := h.UniqueKeys(e.Object); ok {
					found = true
				}
			}
		}
	})
	return found
}

// migrationRoot is the folder whose files form one migration history: the
// file's folder, or its parent for the layouts with a folder per migration
// (diesel's <ts>_name/up.sql, prisma's <ts>_name/migration.sql).
func migrationRoot(p string) string {
	dir := filepath.Dir(p)
	switch strings.ToLower(filepath.Base(p)) {
	case "up.sql", "down.sql", "migration.sql":
		return filepath.Dir(dir)
	}
	return dir
}
