package schema

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestCloneSharesNothingVisible holds the copy-on-write Clone to a deep
// copy: random changes go to a history and to clones taken of it at
// random points, and each must end as a fresh history that replayed the
// same changes, whatever the others did after the clone.
func TestCloneSharesNothingVisible(t *testing.T) {
	for _, d := range []model.Dialect{model.Postgres, model.MySQL} {
		for seed := range uint64(1000) {
			rng := rand.New(rand.NewPCG(seed, 7))
			type hist struct {
				h   *History
				log []model.Effect // every change since New, clones included
			}
			all := []*hist{{h: New(d)}}
			for range 60 {
				x := all[rng.IntN(len(all))]
				if rng.IntN(6) == 0 {
					c := &hist{h: x.h.Clone(), log: slices.Clone(x.log)}
					all = append(all, c)
					continue
				}
				e := randomEffect(rng)
				x.h.SetFile(e.Stmt.Tag)
				x.h.Apply(&e)
				x.log = append(x.log, e)
				// Lookups build column indexes on the way.
				x.h.ColumnType(e.Object, "x")
			}
			for i, x := range all {
				fresh := New(d)
				for _, e := range x.log {
					fresh.SetFile(e.Stmt.Tag)
					fresh.Apply(&e)
				}
				if got, want := dump(x.h), dump(fresh); got != want {
					t.Fatalf("%s, seed %d, history %d of %d after %d changes:\n%s\nwant, as replayed on a fresh history:\n%s", d, seed, i, len(all), len(x.log), got, want)
				}
			}
		}
	}
}

func randomEffect(rng *rand.Rand) model.Effect {
	tables := []string{"a", "b", "A", "c"}
	cols := []string{"x", "y", "z", "X"}
	idx := []string{"i1", "i2", "a_x_key", "a_pkey"}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	tbl := pick(tables)
	e := model.Effect{Stmt: &model.Statement{Tag: fmt.Sprintf("%03d.sql", rng.IntN(3))}}
	switch rng.IntN(11) {
	case 0:
		def := &model.TableDef{Partial: rng.IntN(5) == 0}
		n := 2
		if rng.IntN(4) == 0 {
			n = columnIndexFrom + 8 // past the column index threshold
		}
		for i := range n {
			c := model.ColumnDef{Name: fmt.Sprintf("c%d", i), Type: "int"}
			if i < len(cols) {
				c.Name = cols[i]
			}
			if i == 0 && rng.IntN(2) == 0 {
				c.Generated = "its sequence"
			}
			def.Columns = append(def.Columns, c)
		}
		def.Keys = []model.KeyDef{{Name: tbl + "_pkey", Columns: []string{"x"}, Primary: true}}
		def.Checks = []model.CheckDef{{Name: "ck", Column: "y", Invalid: rng.IntN(2) == 0}}
		e.Action, e.Object, e.Def = model.ActCreate, model.Object{Kind: model.KindTable, Name: tbl}, def
		if rng.IntN(2) == 0 {
			e.Guard = model.GuardIfNotExists
		}
	case 1:
		c := pick(cols)
		e.Action, e.Object = model.ActAdd, model.Object{Kind: model.KindColumn, Table: tbl, Name: c}
		e.Def = &model.TableDef{Columns: []model.ColumnDef{{Name: c, Type: "text"}}}
		if rng.IntN(3) == 0 {
			e.Def.Keys = []model.KeyDef{{Name: tbl + "_" + c + "_key", Columns: []string{c}}}
		}
	case 2:
		e.Action, e.Object = model.ActCreate, model.Object{Kind: model.KindIndex, Table: tbl, Name: pick(idx)}
		if rng.IntN(2) == 0 {
			e.Def = &model.TableDef{Keys: []model.KeyDef{{Name: e.Object.Name, Columns: []string{pick(cols)}}}}
		}
	case 3:
		e.Action, e.Object = model.ActDrop, model.Object{Kind: model.KindColumn, Table: tbl, Name: pick(cols)}
	case 4:
		e.Action, e.Object = model.ActDrop, model.Object{Kind: model.KindIndex, Name: pick(idx)}
		if rng.IntN(2) == 0 {
			e.Object.Table = tbl
		}
	case 5:
		e.Action, e.Object, e.NewName = model.ActRename, model.Object{Kind: model.KindTable, Name: tbl}, pick(tables)
	case 6:
		e.Action, e.Object, e.NewName = model.ActRename, model.Object{Kind: model.KindColumn, Table: tbl, Name: pick(cols)}, pick(cols)
	case 7:
		e.Action, e.Object, e.NewName = model.ActRename, model.Object{Kind: model.KindIndex, Name: pick(idx)}, pick(idx)
	case 8:
		c := pick(cols)
		e.Action, e.Object = model.ActRetype, model.Object{Kind: model.KindColumn, Table: tbl, Name: c}
		e.Def = &model.TableDef{Columns: []model.ColumnDef{{Name: c, Type: fmt.Sprintf("varchar(%d)", rng.IntN(50))}}}
	case 9:
		e.Action, e.Object = model.ActUpdate, model.Object{Kind: model.KindConstraint, Table: tbl, Name: "ck"}
	case 10:
		e.Action, e.Object = model.ActDrop, model.Object{Kind: model.KindTable, Name: tbl}
	}
	return e
}

// dump is everything a history answers, as text.
func dump(h *History) string {
	var b strings.Builder
	keys := make([]string, 0, len(h.tables.m))
	for k := range h.tables.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, t := range h.tables.m[k] {
			fmt.Fprintf(&b, "%s: %+v known=%v by=%q placeholder=%v\n  columns %+v\n  keys %+v\n  checks %+v\n  indexes %v\n",
				k, t.Object, t.Known, t.CreatedBy, t.Placeholder, t.Columns, t.Keys, t.Checks, t.Indexes)
			for _, c := range []string{"x", "y", "z", "X", "c40"} {
				fmt.Fprintf(&b, "  %s: %q", c, h.ColumnType(t.Object, c))
			}
			b.WriteString("\n")
		}
	}
	for _, n := range []string{"i1", "i2", "a_x_key", "a_pkey", "b_pkey", "A_pkey", "c_pkey"} {
		if t := h.IndexTable(model.Object{Kind: model.KindIndex, Name: n}); t != nil {
			fmt.Fprintf(&b, "index %s on %s\n", n, t.Object.Name)
		}
	}
	return b.String()
}

// TestCloneListsApart: a history and its clone share the lists of tables
// that hold an index name; adding to one must not write into the other's
// (a plain append would, into the spare room of the shared array).
func TestCloneListsApart(t *testing.T) {
	create := func(h *History, name string) {
		h.Apply(&model.Effect{Action: model.ActCreate, Object: model.Object{Kind: model.KindTable, Name: name},
			Def: &model.TableDef{Keys: []model.KeyDef{{Name: "shared_idx", Columns: []string{"id"}}}}})
	}
	h := New(model.Postgres)
	for _, n := range []string{"t1", "t2", "t3"} {
		create(h, n)
	}
	c := h.Clone()
	create(h, "t4")
	create(c, "t5")
	for _, n := range []string{"t1", "t2", "t3"} {
		for _, x := range []*History{h, c} {
			x.Apply(&model.Effect{Action: model.ActDrop, Object: model.Object{Kind: model.KindTable, Name: n}})
		}
	}
	for _, x := range []struct {
		h    *History
		want string
	}{{h, "t4"}, {c, "t5"}} {
		got := x.h.IndexTable(model.Object{Kind: model.KindIndex, Name: "shared_idx"})
		if got == nil || got.Object.Name != x.want {
			t.Errorf("shared_idx is on %v, want %s", got, x.want)
		}
	}
}
