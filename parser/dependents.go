package parser

import (
	"sort"
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

// depState is one point of a run: the dependents there, found by key, by
// the relation they belong to and by the names they depend on, so that a
// DROP looks only at those that may depend on it and a long file stays
// linear.
type depState struct {
	d       model.Dialect
	objs    map[string]*dependentObj
	byOwner map[string]map[string]bool
	byDep   map[string]map[string]bool
	// unnamed keys the constraints the server names.
	unnamed map[*model.Effect]string
	// dropsOf caches the relations the statement being judged drops.
	dropsOf *model.Statement
	drops   map[string]bool
	// work counts the dependents looked at, against maxDepWork.
	work int
}

// maxDepWork bounds the dependents one section's analysis looks at. A
// real migration looks at a handful per DROP; a file built to drop one
// name many times under many dependents would otherwise take quadratic
// time. Past it the section gets no verdicts, and --verbose says why.
const maxDepWork = 1 << 20

func newDepState(d model.Dialect) *depState {
	return &depState{d: d, objs: map[string]*dependentObj{}, byOwner: map[string]map[string]bool{},
		byDep: map[string]map[string]bool{}, unnamed: map[*model.Effect]string{}}
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

func index(m map[string]map[string]bool, name, k string, add bool) {
	if add {
		if m[name] == nil {
			m[name] = map[string]bool{}
		}
		m[name][k] = true
		return
	}
	delete(m[name], k)
	if len(m[name]) == 0 {
		delete(m, name)
	}
}

func (s *depState) add(k string, x *dependentObj) {
	s.remove(k)
	s.objs[k] = x
	index(s.byOwner, x.owner, k, true)
	for _, dep := range x.deps {
		index(s.byDep, s.name(dep.Name), k, true)
	}
}

func (s *depState) remove(k string) {
	x := s.objs[k]
	if x == nil {
		return
	}
	delete(s.objs, k)
	index(s.byOwner, x.owner, k, false)
	for _, dep := range x.deps {
		index(s.byDep, s.name(dep.Name), k, false)
	}
}

// keys lists a set's keys in order, so that what is done with them does
// not depend on the map's order.
func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
		s.remove(k)
		return
	}
	s.add(k, &dependentObj{made: e, owner: owner, deps: e.DependsOn})
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
	set := s.byDep[s.name(drop.Object.Name)]
	s.work += len(set)
	for k := range set {
		x := s.objs[k]
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
	if s.dropsOf != st {
		s.dropsOf, s.drops = st, map[string]bool{}
		for _, e := range st.Effects {
			if e.Action == model.ActDrop && isRelation(e.Object.Kind) {
				s.drops[s.name(e.Object.Name)] = true
			}
		}
	}
	return s.drops[x.owner]
}

// dropped applies a DROP that succeeds: the object goes with what it
// owns, and with CASCADE what depends on it goes too (views, triggers) or
// loses that dependency (a table's constraint, column or default).
func (s *depState) dropped(e *model.Effect) {
	o := e.Object
	switch {
	case isRelation(o.Kind):
		s.work += len(s.byOwner[s.name(o.Name)])
		for _, k := range keys(s.byOwner[s.name(o.Name)]) {
			s.remove(k)
		}
	case o.Kind == model.KindColumn || o.Kind == model.KindConstraint || o.Kind == model.KindTrigger:
		if k, _, ok := s.key(e); ok {
			s.remove(k)
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
		s.work += len(s.byDep[s.name(g.Name)])
		for _, k := range keys(s.byDep[s.name(g.Name)]) {
			x := s.objs[k]
			if x == nil || !s.dependsOn(x, g) {
				continue
			}
			switch x.made.Object.Kind {
			case model.KindView, model.KindMatView:
				s.remove(k)
				gone = append(gone, x.made.Object)
			case model.KindTrigger:
				s.remove(k)
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
	s.work += len(s.byOwner[s.name(owner)])
	for k := range s.byOwner[s.name(owner)] {
		s.objs[k].unsure = true
	}
	if users {
		s.work += len(s.byDep[s.name(o.Name)])
		for k := range s.byDep[s.name(o.Name)] {
			if x := s.objs[k]; s.dependsOn(x, o) {
				x.unsure = true
			}
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
	st := newDepState(s.Dialect)
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
				if st.work > maxDepWork {
					s.Note(stmt.Span.Start, "the check for DROPs that a later dependent blocks stopped here, after looking at "+strconv.Itoa(maxDepWork)+" dependents; it gives this section no verdict")
					failed = true
					return
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
