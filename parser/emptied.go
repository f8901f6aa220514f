package parser

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// emptiedBefore finds, for each INSERT (or bulk load) of a section, the
// earlier statement that empties its rows on every run: TRUNCATE t or
// DELETE FROM t without WHERE anywhere before it, or DELETE ... WHERE
// k = ... / k IN (...) of every key it inserts. Statements may stand
// between, as long as they leave the table where the emptying left it:
// dropping, creating or renaming the name ends the emptying (the insert
// then writes another table), and after a keyed DELETE so does anything
// that writes keys the file cannot see (INSERT ... SELECT, COPY, UPDATE),
// since it may bring the deleted keys back. An INSERT ... SELECT right
// after a keyed DELETE of the same table is the delete-then-insert idiom
// and counts as covered.
//
// One sweep in statement order, with one small record per table: linear
// in the section's effects.
func emptiedBefore(all []*model.Effect, prevStmt []*model.Statement, d model.Dialect) map[*model.Effect]*model.Effect {
	out := map[*model.Effect]*model.Effect{}
	tables := map[string][]*emptyState{}
	find := func(o model.Object, create bool) *emptyState {
		k := strings.ToLower(o.Name)
		for _, t := range tables[k] {
			if t.obj.Same(o, d) {
				return t
			}
		}
		if !create {
			return nil
		}
		t := &emptyState{obj: o}
		tables[k] = append(tables[k], t)
		return t
	}
	for i, e := range all {
		if e.Object.Unknown {
			continue
		}
		switch e.Action {
		case model.ActTruncate:
			if e.Object.Kind == model.KindTable {
				t := find(e.Object, true)
				t.reset()
				t.full = e
			}
		case model.ActDelete:
			t := find(e.Object, true)
			switch {
			case !e.HasWhere:
				t.reset()
				t.full = e
			case len(e.Keys) > 0:
				t.addKeys(e)
			}
		case model.ActInsert:
			t := find(e.Object, false)
			if t == nil {
				continue
			}
			if x := t.covers(e, prevStmt[i]); x != nil {
				out[e] = x
			}
			if len(e.Keys) == 0 {
				// Rows the file cannot see may bring deleted keys back.
				t.dropKeys()
			}
		case model.ActUpdate:
			if t := find(e.Object, false); t != nil {
				t.dropKeys()
			}
		case model.ActCreate, model.ActDrop, model.ActRename:
			if e.Object.Table != "" && e.Object.Kind != model.KindTable {
				continue // a column, index or constraint of the table
			}
			if t := find(e.Object, false); t != nil {
				t.reset()
			}
			if e.Action == model.ActRename {
				renamed := e.Object
				renamed.Name = e.NewName
				if t := find(renamed, false); t != nil {
					t.reset()
				}
			}
		}
	}
	return out
}

// emptyState is what the section has emptied of one table so far.
type emptyState struct {
	obj model.Object
	// full is the last TRUNCATE or DELETE without WHERE.
	full *model.Effect
	// keyed are the keys deleted by single-column keyed DELETEs, by column
	// (several such deletes add up: each removes the rows with one of its
	// values), with the last of those deletes; multi is the last DELETE
	// that tests several columns, which covers only on its own.
	keyed     map[string]map[string]bool
	keyedLast *model.Effect
	multi     *model.Effect
}

func (t *emptyState) reset() {
	t.full = nil
	t.dropKeys()
}

func (t *emptyState) dropKeys() {
	t.keyed, t.keyedLast, t.multi = nil, nil, nil
}

func (t *emptyState) addKeys(e *model.Effect) {
	cols := map[string]bool{}
	for _, k := range e.Keys {
		col, _, _ := strings.Cut(k, "=")
		cols[strings.ToLower(col)] = true
	}
	if len(cols) > 1 {
		t.multi = e
		return
	}
	if t.keyed == nil {
		t.keyed = map[string]map[string]bool{}
	}
	for _, k := range e.Keys {
		col, val, _ := strings.Cut(k, "=")
		col = strings.ToLower(col)
		if t.keyed[col] == nil {
			t.keyed[col] = map[string]bool{}
		}
		t.keyed[col][val] = true
	}
	t.keyedLast = e
}

// covers returns the emptying that protects insert e, or nil. The
// emptying must run whenever the insert does: every condition around it
// also holds around the insert.
func (t *emptyState) covers(e *model.Effect, prev *model.Statement) *model.Effect {
	if t.full != nil && runsWith(t.full, e) {
		return t.full
	}
	if len(e.Keys) == 0 {
		// The delete-then-insert idiom: the rows selected are the ones
		// just deleted.
		for _, x := range []*model.Effect{t.keyedLast, t.multi} {
			if x != nil && x.Stmt == prev && prev != e.Stmt {
				return x
			}
		}
		return nil
	}
	if t.keyedLast != nil && runsWith(t.keyedLast, e) && covered(t.keyed, e.Keys) {
		return t.keyedLast
	}
	if t.multi != nil && runsWith(t.multi, e) && covered(deletedKeys(t.multi.Keys), e.Keys) {
		return t.multi
	}
	return nil
}

// runsWith reports whether emptying x runs whenever e does: x stands in
// no routine body e is not in, and every guard around x is around e.
func runsWith(x, e *model.Effect) bool {
	if x.Stmt == e.Stmt {
		return false
	}
	for p := x.Stmt.Parent; p != nil; p = p.Parent {
		if p.Routine != nil && !p.Routine.Anonymous && !encloses(p, e.Stmt) {
			return false
		}
	}
	for _, g := range x.Stmt.Guards {
		found := false
		for _, h := range e.Stmt.Guards {
			if g == h {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func encloses(p, st *model.Statement) bool {
	for ; st != nil; st = st.Parent {
		if st == p {
			return true
		}
	}
	return false
}

func deletedKeys(keys []string) map[string]map[string]bool {
	del := map[string]map[string]bool{}
	for _, k := range keys {
		col, val, _ := strings.Cut(k, "=")
		col = strings.ToLower(col)
		if del[col] == nil {
			del[col] = map[string]bool{}
		}
		del[col][val] = true
	}
	return del
}

// covered: every value the insert writes to a column the deletes test
// was deleted, and at least one such column is written.
func covered(del map[string]map[string]bool, inserted []string) bool {
	overlap := false
	for _, k := range inserted {
		col, val, _ := strings.Cut(k, "=")
		vals, ok := del[strings.ToLower(col)]
		if !ok {
			continue
		}
		if !vals[val] {
			return false
		}
		overlap = true
	}
	return overlap
}
