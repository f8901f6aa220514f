package parser

import (
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// voidGuards marks the inserts whose conflict guard cannot fire: no unique
// key of the table is supplied by the row (the only key is a serial id the
// INSERT leaves out), so ON CONFLICT, INSERT IGNORE, ON DUPLICATE KEY
// UPDATE and REPLACE meet no duplicate and every run adds the rows again.
// The keys are those the file declares before the insert, on top of prior
// (the migrations before the file), which may be nil.
func voidGuards(s *model.Script, prior *schema.History) {
	var h *schema.History
	if prior != nil && prior.Dialect() == s.Dialect {
		h = prior.Clone()
	} else {
		h = schema.New(s.Dialect)
	}
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			if e.Action == model.ActInsert && schema.KeyGuard(e.Guard) {
				e.GuardVoid = h.KeyGap(e)
			}
			h.Apply(e)
		}
	})
}
