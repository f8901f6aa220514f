package parser

import (
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/mysql"
	"github.com/idemlint/idemlint/parser/postgres"
)

// readPreconditions turns Liquibase preconditions that skip the changeset
// when they fail (onFail:MARK_RAN or CONTINUE) into section guards.
func readPreconditions(s *model.Script, l layout) {
	for sec, list := range l.preconditions {
		for _, p := range list {
			if !p.markRan {
				continue
			}
			sec.Preconditions = append(sec.Preconditions, precondPredicates(s, p)...)
		}
	}
}

func precondPredicates(s *model.Script, p precondition) []*model.Predicate {
	unknown := []*model.Predicate{{Source: model.PredPrecondition, Span: p.span, Text: s.Text(p.span)}}
	exists := func(kind model.ObjectKind, nameKey, tableKey string) []*model.Predicate {
		name := p.attrs[nameKey]
		if name == "" {
			return unknown
		}
		obj := model.Object{Kind: kind, Name: name, Schema: p.attrs["schemaName"]}
		if tableKey != "" {
			obj.Table = p.attrs[tableKey]
		}
		return []*model.Predicate{{Source: model.PredPrecondition, Span: p.span, Known: true, Object: obj, Exists: true, Text: s.Text(p.span)}}
	}
	switch p.kind {
	case "table-exists":
		return exists(model.KindTable, "tableName", "")
	case "view-exists":
		return exists(model.KindView, "viewName", "")
	case "column-exists":
		return exists(model.KindColumn, "columnName", "tableName")
	case "index-exists":
		return exists(model.KindIndex, "indexName", "tableName")
	case "sequence-exists":
		return exists(model.KindSequence, "sequenceName", "")
	case "foreign-key-constraint-exists":
		return exists(model.KindConstraint, "foreignKeyName", "foreignKeyTableName")
	case "sql-check":
		var q *guard.Query
		var count, ok bool
		if s.Dialect.MySQLFamily() {
			q, count, ok = mysql.CheckQuery(p.sql)
		} else {
			q, count, ok = postgres.CheckQuery(p.sql)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(p.attrs["expectedResult"]), 10, 64)
		if !ok || !count || err != nil {
			return unknown
		}
		env := guard.NewEnv(s.Dialect)
		facts, ok := env.Eval(&guard.Cond{Op: guard.OpCount, Query: q, Cmp: guard.CmpEq, N: n})
		if !ok {
			return unknown
		}
		return guard.Predicates(facts, model.PredPrecondition, p.span, s.Text(p.span))
	}
	return unknown
}

// dormantBodies decides how much of each routine body counts. DO blocks
// and BEGIN NOT ATOMIC run where they stand; a function, procedure,
// trigger or event body runs only when something calls it. Unless the
// script calls the routine, only its DDL on objects named in full is kept:
// a trigger's INSERT is not a migration step, and a helper that takes the
// table as an argument is checked where it is called.
func dormantBodies(s *model.Script) {
	called := map[string]bool{}
	s.Walk(func(st *model.Statement) {
		if st.Exec != nil && st.Exec.Routine.Name != "" {
			called[strings.ToLower(st.Exec.Routine.Name)] = true
		}
	})
	for _, st := range s.Statements {
		if st.Routine == nil || st.Routine.Anonymous || (st.Routine.Kind != model.KindTrigger && st.Routine.Kind != model.KindEvent &&
			called[strings.ToLower(st.Routine.Name.Name)]) {
			continue
		}
		dormant(st.Children)
	}
}

func dormant(list []*model.Statement) {
	for _, st := range list {
		kept := st.Effects[:0]
		for _, e := range st.Effects {
			if st.Kind == model.KindDDL && !e.Object.Unknown {
				kept = append(kept, e)
			}
		}
		st.Effects = kept
		dormant(st.Children)
	}
}

// analyse decides for every effect whether something protects it on a
// second run, looking at the effects before and after it in its section.
func analyse(s *model.Script) {
	for _, sec := range s.Sections {
		var all []*model.Effect
		var prevStmt []*model.Statement // the DML/DDL statement before each effect's statement
		var prev *model.Statement
		unread := false // a statement the names cannot be followed through
		var visit func(list []*model.Statement)
		visit = func(list []*model.Statement) {
			for _, st := range list {
				if st.Err != nil || (st.Routine != nil && st.Routine.Anonymous && !st.Routine.BodyRead) {
					unread = true
				}
				for _, e := range st.Effects {
					all = append(all, e)
					prevStmt = append(prevStmt, prev)
				}
				if st.Kind == model.KindDML || st.Kind == model.KindDDL {
					prev = st
				}
				visit(st.Children)
			}
		}
		visit(sec.Statements)
		// Objects a DROP ... CASCADE removed earlier in the section, with
		// what was built on them since (takenWith), and schemas whose
		// objects went with them: on a second run they are gone again.
		cascaded := model.ObjectSet{}
		idx := indexSection(all)
		idx.emptied = emptiedBefore(all, prevStmt, s.Dialect)
		idx.rerun = rerunVerdicts(s, sec, all, unread)
		idx.ibfk = ibfkPairs(s, all)
		idx.gone = goneLater(all, s.Dialect)
		blockedClauses(s, sec, all, unread, func(e *model.Effect) bool { return idx.rerun[e].v == rerunFails })
		for i, e := range all {
			if dropsAlong(e, s.Dialect) {
				cascaded.Add(e.Object)
			}
			if e.Action == model.ActCreate && dependsOnAny(e, cascaded, s.Dialect) {
				cascaded.Add(e.Object)
			}
			protect(s, e, sec, section{idx: idx, at: i}, cascaded)
		}
	}
}

// sectionIndex holds a section's structural effects (create, add, drop,
// rename) in groups of effects that are alike in everything the checks in
// protect look at (action, guard, temporariness, object, new name), each
// group with the positions of its effects in the section. Groups are found
// by lower-cased name, then table ("" for objects that belong to no
// table): object names compare equal only when they match
// case-insensitively. A check then costs the number of distinct objects of
// that name, not the number of statements naming them, so a long file
// that touches one table over and over stays linear.
type sectionIndex struct {
	all    []*model.Effect
	byName map[string]map[string][]*group
	// emptied maps each insert to the TRUNCATE or DELETE that empties its
	// rows first on every run (emptiedBefore).
	emptied map[*model.Effect]*model.Effect
	// rerun holds the second run's verdict on the unguarded table and
	// column changes the name simulation can judge (rerunVerdicts).
	rerun map[*model.Effect]rerunResult
	// ibfk pairs an unnamed MySQL foreign key with the drop of the name
	// the server gives it (ibfkPairs).
	ibfk map[*model.Effect]*model.Effect
	// gone maps a CREATE to the position of the DROP ... CASCADE further
	// on that takes its object along (goneLater).
	gone map[*model.Effect]int
}

type group struct {
	rep *model.Effect
	pos []int // ascending
}

type groupKey struct {
	obj       model.Object
	newName   string
	action    model.Action
	guard     model.GuardKind
	temporary bool
}

func indexSection(all []*model.Effect) sectionIndex {
	idx := sectionIndex{all: all, byName: map[string]map[string][]*group{}}
	groups := map[groupKey]*group{}
	for i, e := range all {
		switch e.Action {
		case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename:
		default:
			continue
		}
		k := groupKey{obj: e.Object, newName: e.NewName, action: e.Action, guard: e.Guard, temporary: e.Temporary}
		if g := groups[k]; g != nil {
			g.pos = append(g.pos, i)
			continue
		}
		g := &group{rep: e, pos: []int{i}}
		groups[k] = g
		idx.file(e.Object.Name, e.Object.Table, g)
		if e.Action == model.ActRename && !strings.EqualFold(e.NewName, e.Object.Name) {
			idx.file(e.NewName, e.Object.Table, g)
		}
	}
	return idx
}

func (idx sectionIndex) file(name, table string, g *group) {
	n := strings.ToLower(name)
	if idx.byName[n] == nil {
		idx.byName[n] = map[string][]*group{}
	}
	t := strings.ToLower(table)
	idx.byName[n][t] = append(idx.byName[n][t], g)
}

// section is the view of the section from the effect at position at.
type section struct {
	idx sectionIndex
	at  int
}

// groups yields the groups that may name o: same name, and the same table
// or no table on either side.
func (v section) groups(o model.Object) iter.Seq[*group] {
	return func(yield func(*group) bool) {
		tables := v.idx.byName[strings.ToLower(o.Name)]
		if o.Table == "" {
			for _, list := range tables {
				for _, g := range list {
					if !yield(g) {
						return
					}
				}
			}
			return
		}
		for _, t := range []string{strings.ToLower(o.Table), ""} {
			for _, g := range tables[t] {
				if !yield(g) {
					return
				}
			}
			if t == "" {
				break
			}
		}
	}
}

// before is the last position of g before the effect, or -1.
func (v section) before(g *group) int {
	k, _ := slices.BinarySearch(g.pos, v.at)
	if k == 0 {
		return -1
	}
	return g.pos[k-1]
}

// after is the first position of g after the effect, or -1.
func (v section) after(g *group) int {
	k, _ := slices.BinarySearch(g.pos, v.at+1)
	if k == len(g.pos) {
		return -1
	}
	return g.pos[k]
}

// last is the last position of g other than the effect's own, or -1.
func (v section) last(g *group) int {
	for k := len(g.pos) - 1; k >= 0; k-- {
		if g.pos[k] != v.at {
			return g.pos[k]
		}
	}
	return -1
}

// first is the first position of g other than the effect's own, or -1.
func (v section) first(g *group) int {
	for _, p := range g.pos {
		if p != v.at {
			return p
		}
	}
	return -1
}

// dependsOnAny reports whether a DROP ... CASCADE of one of objs drops
// e's object (takenWith).
func dependsOnAny(e *model.Effect, objs model.ObjectSet, d model.Dialect) bool {
	for _, dep := range e.DependsOn {
		for _, o := range objs[strings.ToLower(dep.Name)] {
			if takenWith(e, o, false, d) {
				return true
			}
		}
	}
	return false
}

func protect(s *model.Script, e *model.Effect, sec *model.Section, around section, cascaded model.ObjectSet) {
	d := s.Dialect
	// What the second run meets, said before any guard is weighed: only an
	// unguarded effect gets a verdict, and a data statement's failure
	// stands whatever guards what it writes.
	rr := around.idx.rerun[e]
	if rr.v == rerunFails {
		e.RerunMeets, e.RerunSpan = rr.meets, rr.span
	}
	if e.Temporary || targetsTemporary(e, around, d) {
		e.Protection = model.ByTemporary
		return
	}
	if inlineProtects(e) {
		e.Protection = model.ByInline
		return
	}
	guards := append(append([]*model.Predicate(nil), sec.Preconditions...), e.Stmt.Guards...)
	for _, p := range guards {
		switch {
		case p.Source == model.PredHandler:
			if handlerCatches(s, p, e) {
				e.Protection, e.ProtectedBy = model.ByHandler, p
				return
			}
		case !p.Known:
			// A condition the linter cannot read is given the benefit of
			// the doubt: people rarely wrap DDL in IF for no reason.
			e.Protection, e.ProtectedBy = model.ByPredicate, p
			return
		case proves(p, e, d):
			e.Protection, e.ProtectedBy = model.ByPredicate, p
			return
		}
	}
	// A guard that the section itself makes false (it checks that X is
	// missing and the section creates X, or that X exists and the section
	// drops it) skips the guarded statements on the second run.
	for _, p := range e.Stmt.Guards {
		if p.Known && p.Source != model.PredHandler && falsifiedBySection(p, around, d) {
			e.Protection, e.ProtectedBy = model.ByBlock, p
			return
		}
	}
	// Following the section's names through two runs gives a verdict on
	// unguarded table and column changes; where it has one, it overrides
	// the pairwise checks below, which look at one object at a time.
	// A data statement's verdict is about the names it uses, not about
	// what it writes, which the checks below still judge.
	if (rr.v != rerunFails || dataAction(e.Action)) && structuralProtection(e, around, cascaded, d) {
		return
	}
	if rr.v == rerunSucceeds {
		e.Protection = model.ByCycle
		return
	}
	if x := around.idx.emptied[e]; x != nil {
		e.Protection, e.ProtectedAt = model.ByDeleteFirst, x.Stmt
		return
	}
	if isData(e.Action) {
		if x := freshTable(e, around, d); x != nil {
			e.Protection, e.ProtectedAt = model.ByFresh, x.Stmt
			return
		}
	}
	for _, p := range guards {
		if p.Known && p.Source != model.PredHandler && mismatch(p, e, d) {
			e.Mismatch = p
			break
		}
	}
}

// structuralProtection applies the checks that pair the effect with
// another change of the same object in the section: an earlier DROP, a
// DROP ... CASCADE of its table, a DROP at the end, a re-CREATE.
func structuralProtection(e *model.Effect, around section, cascaded model.ObjectSet, d model.Dialect) bool {
	if x := earlierDrop(e, around, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByEarlierDrop, x.Stmt
		return true
	}
	if x := around.idx.ibfk[e]; x != nil {
		e.Protection, e.ProtectedAt = model.ByEarlierDrop, x.Stmt
		if e.Action == model.ActDrop {
			e.Protection = model.ByRecreated
		}
		return true
	}
	if e.Action == model.ActCreate || e.Action == model.ActAdd {
		owner := model.Object{Kind: model.KindRelation, Schema: e.Object.Schema, Name: e.Object.Table}
		// A DROP SCHEMA ... CASCADE takes everything named in it along.
		schema := model.Object{Kind: model.KindSchema, Name: e.Object.Schema}
		if cascaded.Has(e.Object, d) || (e.Object.Table != "" && cascaded.Has(owner, d)) || (e.Object.Schema != "" && cascaded.Has(schema, d)) {
			e.Protection = model.ByEarlierDrop
			return true
		}
	}
	if x := droppedLater(e, around, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByDroppedLater, x.Stmt
		return true
	}
	if x := droppedWithTable(e, around, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByDroppedLater, x.Stmt
		return true
	}
	if x := createdInSection(e, around, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByRecreated, x.Stmt
		return true
	}
	return false
}

// falsifiedBySection reports whether the last change the section makes to
// the predicate's object leaves the predicate false for the next run.
func falsifiedBySection(p *model.Predicate, around section, d model.Dialect) bool {
	var last *model.Effect
	lastPos := -1
	for g := range around.groups(p.Object) {
		x := g.rep
		renamed := x.Object
		renamed.Name = x.NewName
		if !x.Object.Same(p.Object, d) && (x.Action != model.ActRename || !renamed.Same(p.Object, d)) {
			continue
		}
		if at := around.last(g); at > lastPos {
			last, lastPos = around.idx.all[at], at
		}
	}
	if last == nil {
		return false
	}
	existsAfter := last.Action == model.ActCreate || last.Action == model.ActAdd
	if last.Action == model.ActRename {
		renamed := last.Object
		renamed.Name = last.NewName
		existsAfter = renamed.Same(p.Object, d)
	}
	return existsAfter != p.Exists
}

func isData(a model.Action) bool {
	return a == model.ActInsert || a == model.ActUpdate || a == model.ActDelete
}

// inlineProtects reports whether the statement's own guard makes this
// effect re-run safe.
func inlineProtects(e *model.Effect) bool {
	switch e.Action {
	case model.ActCreate:
		return e.Guard == model.GuardIfNotExists || e.Guard == model.GuardOrReplace
	case model.ActAdd:
		return e.Guard == model.GuardIfNotExists
	case model.ActDrop, model.ActRename:
		return e.Guard == model.GuardIfExists
	case model.ActInsert:
		// GuardVoid: a conflict guard on a row that supplies no unique key.
		return e.Guard != model.GuardNone && e.GuardVoid == ""
	case model.ActUpdate:
		return e.Guard == model.GuardSelfCheck
	}
	return false
}

// proves reports whether predicate p, holding when e runs, makes e safe:
// "X does not exist" before creating X, "X exists" before dropping or
// renaming X, "Y does not exist" before renaming something to Y.
func proves(p *model.Predicate, e *model.Effect, d model.Dialect) bool {
	switch e.Action {
	case model.ActCreate, model.ActAdd:
		return !p.Exists && p.Object.Same(e.Object, d)
	case model.ActDrop:
		return p.Exists && p.Object.Same(e.Object, d)
	case model.ActRetype:
		// A condition on the column itself usually tests its data_type.
		return p.Exists && p.Object.Same(e.Object, d)
	case model.ActRename:
		if p.Exists && p.Object.Same(e.Object, d) {
			return true
		}
		renamed := e.Object
		renamed.Name = e.NewName
		return !p.Exists && p.Object.Same(renamed, d)
	}
	return false
}

// mismatch reports a guard about an object of the same kind but another
// name: the guard checks one thing and the statement changes another.
func mismatch(p *model.Predicate, e *model.Effect, d model.Dialect) bool {
	switch e.Action {
	case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename:
	default:
		return false
	}
	probe := p.Object
	probe.Name, probe.Table, probe.Schema = e.Object.Name, e.Object.Table, e.Object.Schema
	return probe.Same(e.Object, d) && !p.Object.Same(e.Object, d)
}

// earlierDrop finds the last earlier DROP of the object, or of the table
// (or view) that owns it, in the same section: the object is gone when e
// runs again.
func earlierDrop(e *model.Effect, around section, d model.Dialect) *model.Effect {
	if e.Action != model.ActCreate && e.Action != model.ActAdd {
		return nil
	}
	owner := model.Object{Kind: model.KindRelation, Schema: e.Object.Schema, Name: e.Object.Table}
	best := -1
	consider := func(o model.Object) {
		for g := range around.groups(o) {
			if g.rep.Action == model.ActDrop && g.rep.Object.Same(o, d) {
				best = max(best, around.before(g))
			}
		}
	}
	consider(e.Object)
	if e.Object.Table != "" {
		consider(owner)
	}
	return around.effect(best)
}

// effect is the section's effect at position i, or nil for -1.
func (v section) effect(i int) *model.Effect {
	if i < 0 {
		return nil
	}
	return v.idx.all[i]
}

// createdInSection finds a CREATE or ADD of a dropped object elsewhere
// in the same section (the first after the DROP, or else the first
// before it): before the DROP it makes the object exist for it, after
// the DROP it makes it exist again for the next run.
func createdInSection(e *model.Effect, around section, d model.Dialect) *model.Effect {
	if e.Action != model.ActDrop {
		return nil
	}
	later, earlier := -1, -1
	for g := range around.groups(e.Object) {
		if (g.rep.Action != model.ActCreate && g.rep.Action != model.ActAdd) || !g.rep.Object.Same(e.Object, d) {
			continue
		}
		if at := around.after(g); at >= 0 && (later < 0 || at < later) {
			later = at
		}
		if at := around.first(g); at >= 0 && at < around.at && (earlier < 0 || at < earlier) {
			earlier = at
		}
	}
	if later >= 0 {
		return around.effect(later)
	}
	return around.effect(earlier)
}

// droppedLater finds the DROP that ends the section's work with an object
// it creates (CREATE PROCEDURE p; CALL p; DROP PROCEDURE p), itself or
// through a DROP ... CASCADE: the object is gone again when the second
// run creates it.
func droppedLater(e *model.Effect, around section, d model.Dialect) *model.Effect {
	return around.effect(droppedLaterAt(e, around, d))
}

// droppedLaterAt is the position of the DROP droppedLater finds, or -1.
func droppedLaterAt(e *model.Effect, around section, d model.Dialect) int {
	if e.Action != model.ActCreate && e.Action != model.ActAdd {
		return -1
	}
	last := -1
	for g := range around.groups(e.Object) {
		switch g.rep.Action {
		case model.ActDrop, model.ActCreate, model.ActAdd:
		default:
			continue
		}
		if at := g.pos[len(g.pos)-1]; at > around.at && at > last && g.rep.Object.Same(e.Object, d) {
			last = at
		}
	}
	if x := around.effect(last); x != nil && x.Action == model.ActDrop {
		return last
	}
	// A DROP ... CASCADE of what it depends on, or of its schema, after
	// everything else done to the object.
	if at, ok := around.idx.gone[e]; ok && at > last {
		return at
	}
	return -1
}

// targetsTemporary reports whether e writes to a temporary table created
// earlier in the section.
func targetsTemporary(e *model.Effect, around section, d model.Dialect) bool {
	t := e.Object
	if e.Object.Table != "" {
		t = model.Object{Kind: model.KindTable, Schema: e.Object.Schema, Name: e.Object.Table}
	}
	for g := range around.groups(t) {
		if g.rep.Action == model.ActCreate && g.rep.Temporary && g.pos[0] < around.at && g.rep.Object.Same(t, d) {
			return true
		}
	}
	return false
}

// freshTable finds the first earlier CREATE TABLE of e's table that is not
// IF NOT EXISTS: on a second run either it fails first, or (dropped just
// before) it makes the table anew and empty. Either way e never meets its
// own earlier rows.
func freshTable(e *model.Effect, around section, d model.Dialect) *model.Effect {
	return around.effect(freshTableAt(e.Object, around, d))
}

// freshTableAt is the position of the first CREATE TABLE of t before the
// effect, not IF NOT EXISTS, or -1.
func freshTableAt(t model.Object, around section, d model.Dialect) int {
	first := -1
	for g := range around.groups(t) {
		x := g.rep
		if x.Action == model.ActCreate && x.Object.Kind == model.KindTable && x.Guard != model.GuardIfNotExists &&
			g.pos[0] < around.at && (first < 0 || g.pos[0] < first) && x.Object.Same(t, d) {
			first = g.pos[0]
		}
	}
	return first
}

// droppedWithTable finds, for a DROP of a column, constraint or trigger of
// a table the section creates before it without IF NOT EXISTS, the DROP
// after it that ends the table, itself or through a DROP ... CASCADE (a
// table that inherits from one the section drops so): each run makes the
// table afresh, so what e drops is there again.
func droppedWithTable(e *model.Effect, around section, d model.Dialect) *model.Effect {
	if e.Action != model.ActDrop || e.Object.Table == "" {
		return nil
	}
	t := model.Object{Kind: model.KindTable, Schema: e.Object.Schema, Name: e.Object.Table}
	at := freshTableAt(t, around, d)
	if at < 0 {
		return nil
	}
	made := around
	made.at = at
	if end := droppedLaterAt(around.effect(at), made, d); end > around.at {
		return around.effect(end)
	}
	return nil
}
