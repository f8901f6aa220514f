package parser

import (
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// The dependency analysis follows, through two runs of a section, the
// objects the section makes that depend on others (model.Effect's
// DependsOn: a view on the relations it reads, a table on the tables its
// foreign keys reference, the types of its columns and their defaults'
// sequences, a trigger on its function). A DROP without CASCADE fails
// while such a dependent is there:
//
//	DROP VIEW IF EXISTS v;      -- second run: mv, made below, reads v (2BP01)
//	CREATE VIEW v AS SELECT ...;
//	CREATE MATERIALIZED VIEW mv AS SELECT * FROM v;
//
// The first run starts from what the section makes (what the database held
// before is not known, so it cannot block anything); the second from what
// the first left. Only what is certain counts: a dependent made or a DROP
// run inside a DO block (which may not run it, or may catch the error) is
// not followed, a dependent whose dependencies a later change may have
// altered (a dropped column or constraint, a type change, a rename) stops
// counting, and a section with a statement the parser could not read, a
// name it cannot know, a precondition or a dropped schema is left alone.

// dependentObj is one object the section made that depends on others.
type dependentObj struct {
	made  *model.Effect
	owner string // the relation it belongs to: itself, or its table
	deps  []model.Object
	// unsure: something may have changed what it depends on since.
	unsure bool
}

type depState struct {
	d    model.Dialect
	objs map[string]*dependentObj
	// unnamed keys the constraints the server names.
	unnamed map[*model.Effect]string
}

func (s *depState) name(n string) string {
	if s.d.MySQLFamily() {
		return strings.ToLower(n)
	}
	return n
}

// key names the dependent an effect makes: a relation by its name, a
// column, constraint or trigger by its table and name (an unnamed
// constraint by the effect, as its name is the server's).
func (s *depState) key(e *model.Effect) (key, owner string, ok bool) {
	o := e.Object
	switch o.Kind {
	case model.KindTable, model.KindView, model.KindMatView:
		return "rel " + s.name(o.Name), s.name(o.Name), true
	case model.KindColumn, model.KindConstraint, model.KindTrigger:
		if o.Table == "" {
			return "", "", false
		}
		t := s.name(o.Table)
		if e.Unnamed {
			k, ok := s.unnamed[e]
			if !ok {
				k = o.Kind.String() + " " + t + " #" + strconv.Itoa(len(s.unnamed))
				s.unnamed[e] = k
			}
			return k, t, true
		}
		return o.Kind.String() + " " + t + " " + s.name(o.Name), t, true
	}
	return "", "", false
}

// make records the dependent e makes, replacing one of the same name.
func (s *depState) make(e *model.Effect) {
	k, owner, ok := s.key(e)
	if !ok {
		return
	}
	if e.Action == model.ActCreate && e.Guard == model.GuardIfNotExists && s.objs[k] != nil {
		return // kept as it is
	}
	if len(e.DependsOn) == 0 {
		delete(s.objs, k)
		return
	}
	s.objs[k] = &dependentObj{made: e, owner: owner, deps: e.DependsOn}
}

// dependsOn reports whether x depends on o.
func (s *depState) dependsOn(x *dependentObj, o model.Object) bool {
	for _, dep := range x.deps {
		if dep.Same(o, s.d) {
			return true
		}
	}
	return false
}

// blocker is a dependent, made by the section and certain, that keeps
// drop from dropping its object; nil when there is none. What the same
// statement drops does not block it.
func (s *depState) blocker(drop *model.Effect) *dependentObj {
	var found *dependentObj
	for _, x := range s.objs {
		if x.unsure || !s.dependsOn(x, drop.Object) || s.droppedWith(x, drop.Stmt) {
			continue
		}
		// The first in file order, so that the finding does not depend
		// on the map's order.
		if found == nil || x.made.Span.Start < found.made.Span.Start {
			found = x
		}
	}
	return found
}

// droppedWith reports whether st drops x or what x belongs to.
func (s *depState) droppedWith(x *dependentObj, st *model.Statement) bool {
	for _, e := range st.Effects {
		if e.Action == model.ActDrop && isRelation(e.Object.Kind) && s.name(e.Object.Name) == x.owner {
			return true
		}
	}
	return false
}

// dropped applies a DROP that succeeds: the object goes with what it
// owns, and with CASCADE what depends on it goes too (views, triggers) or
// loses that dependency (a table's constraint, column or default).
func (s *depState) dropped(e *model.Effect) {
	o := e.Object
	switch {
	case isRelation(o.Kind):
		for k, x := range s.objs {
			if x.owner == s.name(o.Name) {
				delete(s.objs, k)
			}
		}
	case o.Kind == model.KindColumn || o.Kind == model.KindConstraint || o.Kind == model.KindTrigger:
		if k, _, ok := s.key(e); ok {
			delete(s.objs, k)
		}
		if o.Kind != model.KindTrigger {
			// It may have been what the table's CREATE or an unnamed
			// constraint made the table depend on.
			s.touched(o, false)
		}
	}
	if !e.Cascade {
		return
	}
	gone := []model.Object{o}
	for len(gone) > 0 {
		g := gone[0]
		gone = gone[1:]
		for k, x := range s.objs {
			if !s.dependsOn(x, g) {
				continue
			}
			switch x.made.Object.Kind {
			case model.KindView, model.KindMatView:
				delete(s.objs, k)
				gone = append(gone, x.made.Object)
			case model.KindTrigger:
				delete(s.objs, k)
			default:
				x.unsure = true
			}
		}
	}
}

// touched marks the dependents a change of o may alter: those that o is
// or that belong to o (o's table, for a column), and with users those
// that depend on o.
func (s *depState) touched(o model.Object, users bool) {
	owner := o.Name
	if o.Table != "" {
		owner = o.Table
	}
	for _, x := range s.objs {
		if x.owner == s.name(owner) || (users && s.dependsOn(x, o)) {
			x.unsure = true
		}
	}
}

func isRelation(k model.ObjectKind) bool {
	switch k {
	case model.KindTable, model.KindView, model.KindMatView, model.KindSequence, model.KindRelation, model.KindPartition:
		return true
	}
	return false
}

// blockedDrops returns, for each DROP of the section that a second run
// finds blocked, the effect that made what blocks it.
func blockedDrops(s *model.Script, sec *model.Section, all []*model.Effect, broken bool) map[*model.Effect]*model.Effect {
	if broken || len(sec.Preconditions) > 0 {
		return nil
	}
	deps := false
	for _, e := range all {
		if len(e.DependsOn) > 0 {
			deps = true
		}
		switch {
		case e.Object.Unknown && (e.Action == model.ActDrop || e.Action == model.ActRename):
			return nil
		case e.Action == model.ActDrop && (e.Object.Kind == model.KindSchema || e.Object.Kind == model.KindDatabase):
			return nil
		}
	}
	if !deps {
		return nil
	}
	st := &depState{d: s.Dialect, objs: map[string]*dependentObj{}, unnamed: map[*model.Effect]string{}}
	out := map[*model.Effect]*model.Effect{}
	var run int
	failed := false
	var visit func(list []*model.Statement)
	visit = func(list []*model.Statement) {
		for _, stmt := range list {
			if failed {
				return
			}
			if !inRoutineBody(stmt) {
				for _, op := range stmt.Locks {
					// A type change or another ALTER TABLE form (a new
					// default) may change what the table depends on.
					if op.Kind == model.LockAlterType || op.Kind == model.LockOther {
						st.touched(op.Table, false)
					}
				}
				for _, e := range stmt.Effects {
					if !st.step(e, run, out) {
						failed = true
						return
					}
				}
			}
			visit(stmt.Children)
		}
	}
	for run = 1; run <= 2 && !failed; run++ {
		visit(sec.Statements)
	}
	if failed {
		return nil
	}
	return out
}

// step applies one effect on the given run, and on the second records in
// out a DROP that a dependent blocks. It returns false where the first run
// would fail: something the analysis does not see is at work.
func (s *depState) step(e *model.Effect, run int, out map[*model.Effect]*model.Effect) bool {
	if e.Temporary {
		return true
	}
	conditional := e.Stmt.Parent != nil
	switch e.Action {
	case model.ActCreate, model.ActAdd:
		if !conditional {
			s.make(e)
		} else if k, _, ok := s.key(e); ok && s.objs[k] != nil {
			s.objs[k].unsure = true
		}
	case model.ActDrop:
		if !conditional && !e.Cascade {
			if b := s.blocker(e); b != nil {
				if run == 1 {
					return false
				}
				out[e] = b.made
				return true // the DROP fails and changes nothing
			}
		}
		s.dropped(e)
	case model.ActRename:
		s.touched(e.Object, true)
		s.touched(model.Object{Kind: e.Object.Kind, Schema: e.Object.Schema, Table: e.Object.Table, Name: e.NewName}, true)
	case model.ActRetype:
		s.touched(e.Object, false)
	}
	return true
}
