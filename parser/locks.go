package parser

import (
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// lockFacts fills in each locking clause (model.LockOp) what the schema
// history knows before its statement: whether its table was created in
// this migration, by an earlier one, or is not known; the column's old
// type; a CHECK (col IS NOT NULL) in place. prior is the history of the
// migrations before the file, nil when not known (one file, stdin).
func lockFacts(s *model.Script, prior *schema.History) {
	has := false
	s.Walk(func(st *model.Statement) { has = has || len(st.Locks) > 0 })
	if !has {
		return
	}
	schema.Walk(prior, s, func(st *model.Statement, h *schema.History) {
		for _, op := range st.Locks {
			h.LockFacts(op)
		}
	})
}
