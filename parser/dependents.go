package parser

import (
	"sort"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// The dependency analysis follows, through two runs of a section, the
// objects the section makes that depend on others (model.Effect's
// DependsOn: a view on the relations and columns it reads and the
// functions of the file it calls, a table on the tables its foreign keys
// reference and those it inherits from, the types of its columns (or its
// own) and their defaults' sequences, a trigger on its function). A DROP
// without CASCADE fails while such a dependent is there, and so does a
// type change of a column a view reads:
//
//	DROP VIEW IF EXISTS v;      -- second run: mv, made below, reads v (2BP01)
//	CREATE VIEW v AS SELECT ...;
//	CREATE MATERIALIZED VIEW mv AS SELECT * FROM v;
//
// Each such clause of the second run gets a model.Block on its statement.
// The first run starts from what the section makes (what the database held
// before is not known, so it cannot block anything); the second from what
// the first left. Only what is certain counts: a dependent made or a DROP
// run inside a DO block (which may not run it, or may catch the error) is
// not followed, a dependent whose dependencies a later change may have
// altered (a dropped column or constraint, a type change, a rename) stops
// counting, a statement the name simulation finds failing on the second
// run changes nothing then, and a section with a statement the parser
// could not read, a name it cannot know, a precondition or a dropped
// schema is left alone.

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

// depKey is the name a dependency is found by: a column's table, or the
// object's own name.
func (s *depState) depKey(o model.Object) string {
	if o.Kind == model.KindColumn && o.Table != "" {
		return s.name(o.Table)
	}
	return s.name(o.Name)
}

func (s *depState) add(k string, x *dependentObj) {
	s.remove(k)
	s.objs[k] = x
	index(s.byOwner, x.owner, k, true)
	for _, dep := range x.deps {
		index(s.byDep, s.depKey(dep), k, true)
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
		index(s.byDep, s.depKey(dep), k, false)
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

// dependsOn reports whether x depends on o; with stars, a star stands
// for every column of its table (the columns it had when x was made,
// which the caller vouches o was one of).
func (s *depState) dependsOn(x *dependentObj, o model.Object, stars bool) bool {
	for _, dep := range x.deps {
		if dep.Covers(o, s.d, stars) {
			return true
		}
	}
	return false
}

// blockers are the dependents, made by the section and certain, that keep
// st from dropping or changing o, in file order; none when nothing is in
// the way. What st itself drops does not block it.
func (s *depState) blockers(o model.Object, st *model.Statement, stars bool) []*dependentObj {
	var out []*dependentObj
	set := s.byDep[s.depKey(o)]
	s.work += len(set)
	for k := range set {
		x := s.objs[k]
		if !x.unsure && s.dependsOn(x, o, stars) && !s.droppedWith(x, st) {
			out = append(out, x)
		}
	}
	sortMade(out)
	return out
}

// sortMade orders dependents by where they are made, so that what is
// done with them does not depend on the map's order.
func sortMade(xs []*dependentObj) {
	sort.Slice(xs, func(i, j int) bool {
		a, b := xs[i].made, xs[j].made
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Object.Qualified() < b.Object.Qualified()
	})
}

// dropFirst is what must go before the blocked clause can run: the
// blockers and, through the relations they are, what depends on them, in
// the order to drop them (the last made first). Nil when one of them is
// not certain: then no one can say what dropping them takes.
func (s *depState) dropFirst(direct []*dependentObj) []*model.Effect {
	seen := map[*dependentObj]bool{}
	all := append([]*dependentObj(nil), direct...)
	for _, x := range all {
		seen[x] = true
	}
	for i := 0; i < len(all); i++ {
		o := all[i].made.Object
		if !isRelation(o.Kind) {
			continue
		}
		set := s.byDep[s.depKey(o)]
		s.work += len(set)
		for k := range set {
			x := s.objs[k]
			if seen[x] || !s.dependsOn(x, o, true) {
				continue
			}
			if x.unsure {
				return nil
			}
			seen[x] = true
			all = append(all, x)
		}
	}
	sortMade(all)
	out := make([]*model.Effect, len(all))
	for i, x := range all {
		out[len(all)-1-i] = x.made
	}
	return out
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
		s.removeOwned(o.Name)
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
		s.work += len(s.byDep[s.depKey(g)])
		for _, k := range keys(s.byDep[s.depKey(g)]) {
			x := s.objs[k]
			if x == nil || !s.dependsOn(x, g, true) {
				continue
			}
			switch {
			case !takenWith(x.made, g, false, s.d):
				x.unsure = true
			case x.made.Object.Kind == model.KindTrigger:
				s.remove(k)
			default:
				s.removeOwned(x.made.Object.Name)
				gone = append(gone, x.made.Object)
			}
		}
	}
}

// removeOwned removes the relation of that name and what belongs to it.
func (s *depState) removeOwned(name string) {
	owned := s.byOwner[s.name(name)]
	s.work += len(owned)
	for _, k := range keys(owned) {
		s.remove(k)
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
		s.work += len(s.byDep[s.depKey(o)])
		for k := range s.byDep[s.depKey(o)] {
			if x := s.objs[k]; s.dependsOn(x, o, true) {
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

// blockedClauses fills each statement's Blocks: the DROPs without
// CASCADE and the column type changes of the section that a dependent
// the first run made blocks on the second. fails says which effects the
// name simulation finds failing on the second run: they change nothing
// then (a rename of a column already renamed).
func blockedClauses(s *model.Script, sec *model.Section, all []*model.Effect, broken bool, fails func(*model.Effect) bool) {
	if broken || len(sec.Preconditions) > 0 {
		return
	}
	deps := false
	// A star stands for the columns its table had when the view was
	// made: a column the section drops may not have been one of them.
	droppedCols := map[[2]string]bool{}
	for _, e := range all {
		if len(e.DependsOn) > 0 {
			deps = true
		}
		if e.Action == model.ActDrop && e.Object.Kind == model.KindColumn {
			droppedCols[[2]string{strings.ToLower(e.Object.Table), strings.ToLower(e.Object.Name)}] = true
		}
		switch {
		case e.Object.Unknown && (e.Action == model.ActDrop || e.Action == model.ActRename):
			return
		case e.Action == model.ActDrop && (e.Object.Kind == model.KindSchema || e.Object.Kind == model.KindDatabase):
			return
		}
	}
	if !deps {
		return
	}
	st := newDepState(s.Dialect)
	type found struct {
		stmt *model.Statement
		b    model.Block
	}
	var out []found
	run := 1
	// judge checks a clause of stmt that drops or changes o: on the first
	// run a dependent in the way means something the analysis does not
	// see is at work (false); on the second it is a block, and the clause
	// fails and changes nothing (blocked).
	failed := false
	// With foreign_key_checks off (MySQL, MariaDB), a foreign key keeps
	// no table from being dropped.
	fkChecksOff := false
	judge := func(stmt *model.Statement, o model.Object, sp model.Span, code string) (blocked bool) {
		if fkChecksOff {
			return false
		}
		stars := code == "0A000" && !droppedCols[[2]string{strings.ToLower(o.Table), strings.ToLower(o.Name)}]
		xs := st.blockers(o, stmt, stars)
		if len(xs) == 0 {
			return false
		}
		if run == 1 {
			failed = true
		} else {
			out = append(out, found{stmt, model.Block{Span: sp, Object: o, By: xs[0].made, Code: code, DropFirst: st.dropFirst(xs)}})
		}
		return true
	}
	var visit func(list []*model.Statement)
	visit = func(list []*model.Statement) {
		for _, stmt := range list {
			if failed {
				return
			}
			if !inRoutineBody(stmt) {
				for _, op := range stmt.Locks {
					if op.Kind == model.LockFKChecksOff {
						fkChecksOff = op.Setting == "0"
					}
					if op.Kind == model.LockAlterType && op.Column != "" && stmt.Parent == nil {
						col := model.Object{Kind: model.KindColumn, Schema: op.Table.Schema, Table: op.Table.Name, Name: op.Column}
						if judge(stmt, col, op.Span, "0A000") {
							continue
						}
					}
					// A type change or another ALTER TABLE form (a new
					// default) may change what the table depends on.
					if op.Kind == model.LockAlterType || op.Kind == model.LockOther {
						st.touched(op.Table, false)
					}
				}
				for _, e := range stmt.Effects {
					if run == 2 && fails(e) {
						continue
					}
					st.step(e, judge)
				}
				if st.work > maxDepWork {
					s.Note(stmt.Span.Start, "the check for DROPs and type changes that a later dependent blocks stopped here, after looking at "+strconv.Itoa(maxDepWork)+" dependents; it gives this section no verdict")
					failed = true
				}
			}
			visit(stmt.Children)
		}
	}
	for ; run <= 2 && !failed; run++ {
		fkChecksOff = false // a new session
		visit(sec.Statements)
	}
	if failed {
		return
	}
	for _, f := range out {
		f.stmt.Blocks = append(f.stmt.Blocks, f.b)
	}
}

// dropCode is the error a DROP that something depends on meets: a
// foreign key on MySQL and MariaDB, which record no other dependency the
// analysis follows.
func (s *depState) dropCode() string {
	switch s.d {
	case model.MySQL:
		return "3730"
	case model.MariaDB:
		return "1451"
	}
	return "2BP01"
}

// step applies one effect; judge weighs a DROP without CASCADE first.
func (s *depState) step(e *model.Effect, judge func(*model.Statement, model.Object, model.Span, string) bool) {
	if e.Temporary {
		return
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
		if !conditional && !e.Cascade && judge(e.Stmt, e.Object, e.Span, s.dropCode()) {
			return
		}
		s.dropped(e)
	case model.ActRename:
		// What depends on the new name keeps it from being taken: only
		// the old name's dependents may follow the object away.
		s.touched(e.Object, true)
	case model.ActRetype:
		s.touched(e.Object, false)
	}
}
