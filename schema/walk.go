package schema

import (
	"slices"

	"github.com/idemlint/idemlint/parser/model"
)

// Walk follows a script statement by statement (nested ones after their
// parent) on top of prior, the history before the file (nil: nothing is
// known), and calls fn with the history as it stands before each
// statement runs. A rollback runs long after what it undoes: a down
// section sees the up sections before it, their tables as existing ones,
// and the up sections never see it.
func Walk(prior *History, s *model.Script, fn func(st *model.Statement, h *History)) {
	w := NewWalker(prior, s)
	for _, st := range w.order {
		fn(st, w.Before(st))
	}
}

// Walker is Walk one statement at a time, for callers that ask about
// statements here and there: Before moves forward to the statement it is
// asked about, so questions asked in file order cost one walk of the file
// in all, not one each.
type Walker struct {
	prior *History
	s     *model.Script
	order []*model.Statement // in walk order

	h, down *History
	downSec *model.Section
	at      *History // the history the current statement runs on
	next    int      // the first statement not yet applied
	begun   bool     // order[next] has been begun
}

// NewWalker starts a walk of s on top of prior (nil: nothing is known).
func NewWalker(prior *History, s *model.Script) *Walker {
	w := &Walker{prior: prior, s: s}
	s.Walk(func(st *model.Statement) { w.order = append(w.order, st) })
	w.reset()
	return w
}

func (w *Walker) reset() {
	if w.prior != nil && w.prior.Dialect() == w.s.Dialect {
		w.h = w.prior.Clone()
	} else {
		w.h = New(w.s.Dialect)
	}
	w.h.SetFile(w.s.Path)
	w.down, w.downSec, w.at, w.next, w.begun = nil, nil, nil, 0, false
}

// Before returns the history as it stands when st runs, nil when st is
// not a statement of the script. The history is the walker's own: it
// changes as the walk goes on. A statement before the last one asked
// about starts the walk again.
func (w *Walker) Before(st *model.Statement) *History {
	// Found from where the walk is: asked in file order, the searches
	// together read the list once.
	i := slices.Index(w.order[w.next:], st)
	if i >= 0 {
		i += w.next
	} else if i = slices.Index(w.order[:w.next], st); i >= 0 {
		w.reset()
	} else {
		return nil
	}
	for w.next < i {
		if !w.begun {
			w.begin(w.order[w.next])
		}
		w.finish(w.order[w.next])
		w.next++
		w.begun = false
	}
	if !w.begun {
		w.begin(st)
		w.begun = true
	}
	return w.at
}

// begin picks the history st runs on and makes room for the tables its
// locking clauses name.
func (w *Walker) begin(st *model.Statement) {
	w.at = w.h
	if st.Section.IsDown() {
		if st.Section != w.downSec {
			w.down, w.downSec = w.h.Clone(), st.Section
			w.down.SetFile(w.s.Path + downMark)
		}
		w.at = w.down
	}
	for _, op := range st.Locks {
		w.at.touch(op.Table)
	}
}

// finish applies what st changes.
func (w *Walker) finish(st *model.Statement) {
	at := w.at
	for _, e := range st.Effects {
		if e.Temporary && e.Action == model.ActCreate && e.Object.Kind == model.KindTable {
			// A temporary table is the session's own: new, like one
			// created here (Apply leaves it out of the history).
			at.touch(e.Object)
			if t := at.own(at.Table(e.Object)); t != nil {
				t.Placeholder, t.CreatedBy = false, at.file
			}
		}
	}
	for _, e := range st.Effects {
		at.Apply(e)
	}
	at.ApplyChanges(lockChanges(nil, st))
}
