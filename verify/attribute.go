package verify

import (
	"context"
	"strings"
	"time"

	"github.com/idemlint/idemlint/parser/model"
)

// A divergence is found by comparing the whole database before and after
// the second run, which says what changed but not which statement did
// it. The reviewer must look at that statement, not at the file's first
// line: attribute replays the second run on another fork, one statement
// at a time with a snapshot after each, and names the statement that
// last changed each item of the divergence (a row count, a table's
// contents, a schema object).

// item names one thing a snapshot holds: "o:" and an object key, "n:"
// and a table (its row count), "s:" and a table (its contents).
type item string

// divergedItems are the items that differ from a to b, as Compare sees
// them: an object that came, went or changed definition; a table whose
// row count changed; a table whose rows changed with the same count.
func divergedItems(a, b *Snapshot) map[item]bool {
	out := map[item]bool{}
	for k, av := range a.Objects {
		bv, ok := b.Objects[k]
		if !ok || (bv != av && unclock(bv) != unclock(av)) {
			out[item("o:"+k)] = true
		}
	}
	for k := range b.Objects {
		if _, ok := a.Objects[k]; !ok {
			out[item("o:"+k)] = true
		}
	}
	tables := map[string]bool{}
	for t := range a.Tables {
		tables[t] = true
	}
	for t := range b.Tables {
		tables[t] = true
	}
	for t := range tables {
		ra, okA := a.Tables[t]
		rb, okB := b.Tables[t]
		switch {
		case !okA || !okB:
			if ra.Count+rb.Count > 0 {
				out[item("n:"+t)] = true
			}
		case ra.Count != rb.Count:
			out[item("n:"+t)] = true
		case ra.Sum != rb.Sum:
			out[item("s:"+t)] = true
		}
	}
	return out
}

// attribution is which statements of the second run made a divergence.
type attribution struct {
	// First is the earliest statement responsible for part of it; Also
	// the others, in order.
	First *Stmt
	Also  []*Stmt
}

// attribute replays the second run of plan on a fork of database a (the
// state the first run left) and returns the statements responsible for
// the divergence want. Each statement runs in a transaction of its own
// when the migration ran it in one (so that LOCK and SET LOCAL behave),
// and the file's own BEGIN and COMMIT are left out, so that every
// statement's change is visible to the snapshot that follows it. When
// the replay fails or does not end in the same divergence, it says
// nothing (ok false).
func (r *runner) attribute(ctx context.Context, a string, plan []Unit, want Diff) (attribution, bool) {
	c := r.prefix + "_c"
	if err := r.srv.Fork(ctx, a, c); err != nil {
		return attribution{}, false
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = r.srv.DropDB(dctx, c)
	}()
	base, err := r.snapshot(ctx, c)
	if err != nil {
		return attribution{}, false
	}
	sess, err := r.srv.Open(ctx, c, Migrator, r.opt.Timeout)
	if err != nil {
		return attribution{}, false
	}
	defer sess.Close()
	run := func(st *Stmt, inTx bool) error {
		sctx, cancel := context.WithTimeout(ctx, r.opt.Timeout+10*time.Second)
		defer cancel()
		if inTx {
			if err := sess.Exec(sctx, "BEGIN"); err != nil {
				return err
			}
		}
		var err error
		if st.Data != nil {
			err = sess.CopyFrom(sctx, st.Text, st.Data)
		} else {
			err = sess.Exec(sctx, st.Text)
		}
		if inTx {
			if err != nil {
				_ = sess.Exec(sctx, "ROLLBACK")
				return err
			}
			err = sess.Exec(sctx, "COMMIT")
		}
		return err
	}
	var order []*Stmt
	last := map[item]int{}
	prev := base
	for i := range plan {
		u := &plan[i]
		for j := range u.Stmts {
			st := &u.Stmts[j]
			if st.St != nil && st.St.Kind == model.KindTx && (st.St.Tx == model.TxBegin || st.St.Tx == model.TxCommit) {
				continue
			}
			inTx := (u.InTx || st.St != nil && st.St.InExplicitTx) && (st.St == nil || !st.St.NoTx)
			if err := run(st, inTx); err != nil {
				return attribution{}, false
			}
			snap, err := r.snapshot(ctx, c)
			if err != nil {
				return attribution{}, false
			}
			order = append(order, st)
			for it := range divergedItems(prev, snap) {
				last[it] = len(order) - 1
			}
			prev = snap
		}
	}
	// The replay must end where the second run did, or its story is not
	// the second run's.
	got := Compare(base, prev)
	if got.String() != want.String() {
		return attribution{}, false
	}
	responsible := map[int]bool{}
	for it := range divergedItems(base, prev) {
		if k, ok := last[it]; ok {
			responsible[k] = true
		}
	}
	var out attribution
	for k, st := range order {
		if !responsible[k] {
			continue
		}
		if out.First == nil {
			out.First = st
		} else {
			out.Also = append(out.Also, st)
		}
	}
	return out, out.First != nil
}

// guessCulprit names, without a server, the first statement whose
// effects write what the divergence names: an INSERT, UPDATE, DELETE or
// COPY into a table whose rows changed, or DDL on a changed object or
// its table. It is the fallback when the replay cannot tell; nil when
// nothing matches.
func guessCulprit(s *model.Script, plan []Unit, d Diff) *Stmt {
	rowTables := map[string]bool{}
	for _, x := range d.Rows {
		name, _, _ := strings.Cut(x, " ")
		rowTables[lastPart(name)] = true
	}
	for _, t := range d.Contents {
		rowTables[lastPart(t)] = true
	}
	// Schema keys read "kind schema.table.name" (PostgreSQL) or "kind
	// table.name" (MySQL): every dotted part may be what a statement
	// names.
	schemaNames := map[string]bool{}
	for _, x := range d.Schema {
		key := x[1:]
		if i := strings.LastIndexByte(key, ' '); i >= 0 {
			key = key[i+1:]
		}
		for _, p := range strings.Split(key, ".") {
			schemaNames[fold(s, p)] = true
		}
	}
	matches := func(st *model.Statement) bool {
		found := false
		walk(st, func(x *model.Statement) {
			for _, e := range x.Effects {
				switch e.Action {
				case model.ActInsert, model.ActUpdate, model.ActDelete, model.ActTruncate:
					if rowTables[fold(s, e.Object.Table)] || rowTables[fold(s, e.Object.Name)] {
						found = true
					}
				default:
					if schemaNames[fold(s, e.Object.Name)] || schemaNames[fold(s, e.Object.Table)] {
						found = true
					}
				}
			}
		})
		return found
	}
	for i := range plan {
		for j := range plan[i].Stmts {
			if st := &plan[i].Stmts[j]; st.St != nil && matches(st.St) {
				return st
			}
		}
	}
	return nil
}

func walk(st *model.Statement, fn func(*model.Statement)) {
	fn(st)
	for _, c := range st.Children {
		walk(c, fn)
	}
}

// lastPart is a qualified name's last part: "public.settings" → "settings".
func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// fold compares names as the dialect does: MySQL and MariaDB table names
// case-insensitively, PostgreSQL's exactly (its parser folded them).
func fold(s *model.Script, name string) string {
	if name == "" {
		return "\x00"
	}
	if s.Dialect.MySQLFamily() {
		return strings.ToLower(name)
	}
	return name
}
