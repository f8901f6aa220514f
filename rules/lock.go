package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// What the lock rules share: which statements run, which tables count as
// live, and how to name a lock.

// LockOps calls fn for each locking clause of each statement that runs
// when the migration does (top-level ones and those of DO blocks, not the
// bodies of stored routines, which run when called), in source order.
func (p *Pass) LockOps(fn func(st *model.Statement, op *model.LockOp)) {
	p.Script.Walk(func(st *model.Statement) {
		if len(st.Locks) == 0 || inRoutineBody(st) {
			return
		}
		for _, op := range st.Locks {
			fn(st, op)
		}
	})
}

// inRoutineBody reports whether a statement sits in the body of a stored
// routine (function, procedure, trigger, event).
func inRoutineBody(st *model.Statement) bool {
	for q := st.Parent; q != nil; q = q.Parent {
		if q.Routine != nil && !q.Routine.Anonymous {
			return true
		}
	}
	return false
}

// live reports whether a clause's table counts as one in use: any table
// but one created earlier in the same migration (new, empty, unseen). A
// table the history does not know counts as live: for a single file that
// is every table it did not create itself.
func live(op *model.LockOp) bool { return op.Origin != model.OriginHere }

// tableName names a clause's table for messages.
func tableName(op *model.LockOp) string {
	switch {
	case op.Table.Name != "":
		return op.Table.Qualified()
	case op.Index.Name != "":
		return "the table of " + op.Index.Qualified()
	}
	return "the table"
}

// originNote says where the table comes from when an earlier migration
// created it, the case a single-file linter cannot see.
func originNote(op *model.LockOp) string {
	if op.Origin == model.OriginBefore {
		return " (" + op.Table.Qualified() + " was created by an earlier migration)"
	}
	return ""
}

// lockPhrase is "an ACCESS EXCLUSIVE lock on orders, which blocks reads
// and writes".
func lockPhrase(mode string, table string) string {
	name := model.LockName(mode)
	article := "a"
	if strings.HasPrefix(name, "A") || strings.HasPrefix(name, "E") {
		article = "an"
	}
	return fmt.Sprintf("%s %s lock on %s, which %s", article, name, table, model.LockBlocks(mode))
}
