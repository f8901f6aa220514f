package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/verify"
)

// A folder's migrations run in their framework's order (as verify applies
// them), and a later one may insert into a table an earlier one created:
// an INSERT ... ON CONFLICT DO NOTHING into a table whose only key is a
// serial guards nothing. Files are linted on their own, in parallel; the
// historian then folds each folder's migrations into a schema history, in
// framework order, and lints again, knowing what the earlier migrations
// built, the few files whose conflict guards that knowledge changes. Down
// files and down sections are not part of the history.
//
// A file linted again is linted on a goroutine of its own, with a copy of
// the history as it stood, once one of the workers' slots is free (-j
// bounds the files parsed at once, first lints and these alike): the
// history goes on with the file's schema changes from its first lint,
// which the history does not change, and the result is taken back when its
// turn in the report comes.
//
// The report is written in input order as results come. A migration's
// result waits only for the migrations before it in framework order, which
// is input order unless the names sort otherwise (Flyway's V2 and V10), so
// the run holds few results however many files a folder has, and of those
// only the schema changes (schema.Changes), not their parses.
type historian struct {
	inputs  []input
	group   []int   // input index -> folder group, -1 for none
	members [][]int // group -> input indexes, in framework order once set up
	next    []int   // group -> how many members the history has taken
	hist    []map[model.Dialect]*schema.History
	done    []bool // input index -> taken into its folder's history
	relint  func(r *result, prior *schema.History)
	later   map[int]chan result // input index -> its result, being linted again
	emit    func(result)
	held    []result // in input order, from the first one not emitted
	first   int      // input index of held[0]
}

func newHistorian(inputs []input, emit func(result), relint func(*result, *schema.History)) *historian {
	h := &historian{inputs: inputs, group: make([]int, len(inputs)), emit: emit, relint: relint, later: map[int]chan result{}}
	ids := map[string]int{}
	for i, in := range inputs {
		h.group[i] = -1
		if !inHistory(in) {
			continue
		}
		dir := migrationRoot(in.path)
		g, ok := ids[dir]
		if !ok {
			g = len(h.members)
			ids[dir] = g
			h.members = append(h.members, nil)
		}
		h.members[g] = append(h.members[g], i)
	}
	h.next = make([]int, len(h.members))
	h.hist = make([]map[model.Dialect]*schema.History, len(h.members))
	h.done = make([]bool, len(inputs))
	for g, m := range h.members {
		if len(m) < 2 {
			// A migration alone in its folder has no history to learn.
			for _, i := range m {
				h.group[i] = -1
			}
			continue
		}
		// Framework order, as verify applies them.
		paths := make([]string, len(m))
		byPath := make(map[string]int, len(m))
		for k, i := range m {
			paths[k] = inputs[i].path
			byPath[paths[k]] = i
		}
		verify.Sort(paths)
		for k, p := range paths {
			m[k] = byPath[p]
			h.group[m[k]] = g
		}
		h.hist[g] = map[model.Dialect]*schema.History{}
	}
	return h
}

// inHistory says whether a file can be part of a folder's history.
func inHistory(in input) bool {
	return !in.stdin && in.editedAt == 0 && verify.IsUp(in.path)
}

// grouped reports whether input i shares its folder with other
// migrations: only then is its history worth keeping.
func (h *historian) grouped(i int) bool { return h.group[i] >= 0 }

// take receives the result of input i; results come in input order.
func (h *historian) take(i int, r result) {
	h.held = append(h.held, r)
	if g := h.group[i]; g >= 0 {
		h.advance(g)
	}
	for len(h.held) > 0 {
		if h.group[h.first] >= 0 && !h.done[h.first] {
			return
		}
		r := h.held[0]
		if ch, ok := h.later[h.first]; ok {
			r = <-ch
			delete(h.later, h.first)
		}
		h.emit(r)
		h.held[0] = result{}
		h.held = h.held[1:]
		h.first++
	}
}

// advance takes into group g's history, in framework order, every
// migration whose result has come and whose predecessors are taken, and
// lints again those whose verdicts the history before them changes.
func (h *historian) advance(g int) {
	m := h.members[g]
	for ; h.next[g] < len(m); h.next[g]++ {
		i := m[h.next[g]]
		if i >= h.first+len(h.held) {
			return // not linted yet
		}
		r := &h.held[i-h.first]
		h.done[i] = true
		if r.err != nil || r.script == nil {
			continue
		}
		d := r.script.Dialect
		hist := h.hist[g][d]
		if hist == nil {
			hist = schema.New(d)
			h.hist[g][d] = hist
		}
		if guardsDependOn(r.keyInserts, hist) {
			ch := make(chan result, 1)
			h.later[i] = ch
			go func(again result, prior *schema.History) {
				h.relint(&again, prior)
				again.changes, again.keyInserts, again.src = nil, nil, nil
				ch <- again
			}(*r, hist.Clone())
		}
		hist.SetFile(h.inputs[i].path)
		hist.ApplyChanges(r.changes)
		r.changes, r.keyInserts, r.src = nil, nil, nil
	}
	// The folder is done: its history is not needed any more.
	h.hist[g] = nil
}

// keyInserts are the tables whose history can change a verdict on the
// script: those it inserts into behind a conflict guard that works
// through a unique key, and, as KindRelation objects, those whose lock
// verdicts read the history (a column type change or SET NOT NULL, and a
// table the file creates IF NOT EXISTS and then locks, which is new only
// when no earlier migration created it). Every other lock verdict is the
// same whether a table is not known or known from an earlier migration.
func keyInserts(s *model.Script) []model.Object {
	var out []model.Object
	add := func(o model.Object) {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	var guarded []model.Object
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			if e.Action == model.ActInsert && schema.KeyGuard(e.Guard) && e.GuardVoid == "" {
				add(e.Object)
			}
			if e.Action == model.ActCreate && e.Object.Kind == model.KindTable && e.Guard == model.GuardIfNotExists {
				guarded = append(guarded, e.Object)
			}
		}
		for _, op := range st.Locks {
			if op.Table.Name == "" || op.Kind == model.LockTimeout {
				continue
			}
			rel := model.Object{Kind: model.KindRelation, Schema: op.Table.Schema, Name: op.Table.Name}
			switch {
			case op.Kind == model.LockAlterType, op.Kind == model.LockSetNotNull:
				add(rel)
			case op.Origin == model.OriginHere:
				for _, g := range guarded {
					if g.Same(op.Table, s.Dialect) {
						add(rel)
					}
				}
			}
		}
	})
	return out
}

// guardsDependOn reports whether the history knows the keys of a table
// the file inserts into with a conflict guard, or a table whose lock
// verdicts read the history.
func guardsDependOn(tables []model.Object, h *schema.History) bool {
	for _, o := range tables {
		if o.Kind == model.KindRelation {
			if h.Table(o) != nil {
				return true
			}
			continue
		}
		if _, ok := h.UniqueKeys(o); ok {
			return true
		}
	}
	return false
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
