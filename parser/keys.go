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
	// A rollback runs after what it undoes, not before what follows it
	// (Liquibase writes one in each changeset): a down section sees the
	// up sections before it plus itself, and the up sections never see it.
	var down *schema.History
	var downSec *model.Section
	s.Walk(func(st *model.Statement) {
		at := h
		if st.Section.IsDown() {
			if st.Section != downSec {
				down, downSec = h.Clone(), st.Section
			}
			at = down
		}
		for _, e := range st.Effects {
			if e.Action == model.ActInsert && schema.KeyGuard(e.Guard) {
				e.GuardVoid = at.KeyGap(e)
			}
			at.Apply(e)
		}
	})
}
