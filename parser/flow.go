package parser

import (
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
		var visit func(list []*model.Statement)
		visit = func(list []*model.Statement) {
			for _, st := range list {
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
		// Objects a DROP ... CASCADE removed earlier in the section, with the
		// views built on them since: on a second run they are gone again.
		var cascaded []model.Object
		idx := indexByName(all)
		for i, e := range all {
			if e.Action == model.ActDrop && e.Cascade {
				cascaded = append(cascaded, e.Object)
			}
			if e.Action == model.ActCreate && dependsOnAny(e, cascaded, s.Dialect) {
				cascaded = append(cascaded, e.Object)
			}
			earlier, later := idx.around(e, i)
			protect(s, e, sec, earlier, later, prevStmt[i], cascaded)
		}
	}
}

// nameIndex holds a section's structural effects (create, add, drop,
// rename) by lower-cased name, old and new. The checks in protect compare
// an effect only with structural effects that name its object, its table
// or its guards' objects, and object names compare equal only when they
// match case-insensitively: looking those up instead of scanning the whole
// section keeps a long file linear.
type nameIndex struct {
	all    []*model.Effect
	byName map[string][]int
}

func indexByName(all []*model.Effect) nameIndex {
	idx := nameIndex{all: all, byName: map[string][]int{}}
	for i, e := range all {
		switch e.Action {
		case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename:
		default:
			continue
		}
		k := strings.ToLower(e.Object.Name)
		idx.byName[k] = append(idx.byName[k], i)
		if nk := strings.ToLower(e.NewName); e.Action == model.ActRename && nk != k {
			idx.byName[nk] = append(idx.byName[nk], i)
		}
	}
	return idx
}

// around returns, in section order, the structural effects before and
// after position i that could concern e.
func (idx nameIndex) around(e *model.Effect, i int) (earlier, later []*model.Effect) {
	keys := []string{strings.ToLower(e.Object.Name)}
	if e.Object.Table != "" {
		keys = append(keys, strings.ToLower(e.Object.Table))
	}
	if e.Stmt != nil {
		for _, p := range e.Stmt.Guards {
			keys = append(keys, strings.ToLower(p.Object.Name))
		}
	}
	var pos []int
	for _, k := range keys {
		pos = append(pos, idx.byName[k]...)
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	for _, j := range pos {
		switch {
		case j < i:
			earlier = append(earlier, idx.all[j])
		case j > i:
			later = append(later, idx.all[j])
		}
	}
	return earlier, later
}

// dependsOnAny reports whether e's object is built on one of objs.
func dependsOnAny(e *model.Effect, objs []model.Object, d model.Dialect) bool {
	for _, dep := range e.DependsOn {
		probe := model.Object{Kind: model.KindRelation, Schema: dep.Schema, Name: dep.Name}
		for _, o := range objs {
			if o.Same(probe, d) {
				return true
			}
		}
	}
	return false
}

func protect(s *model.Script, e *model.Effect, sec *model.Section, earlier, later []*model.Effect, prev *model.Statement, cascaded []model.Object) {
	d := s.Dialect
	if e.Temporary || targetsTemporary(e, earlier, d) {
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
			if handlerCatches(p.Catches, e.Action) {
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
		if p.Known && p.Source != model.PredHandler && falsifiedBySection(p, earlier, later, d) {
			e.Protection, e.ProtectedBy = model.ByBlock, p
			return
		}
	}
	if x := earlierDrop(e, earlier, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByEarlierDrop, x.Stmt
		return
	}
	if e.Action == model.ActCreate || e.Action == model.ActAdd {
		owner := model.Object{Kind: model.KindRelation, Schema: e.Object.Schema, Name: e.Object.Table}
		for _, o := range cascaded {
			if o.Same(e.Object, d) || (e.Object.Table != "" && o.Same(owner, d)) {
				e.Protection = model.ByEarlierDrop
				return
			}
		}
	}
	if x := droppedLater(e, later, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByDroppedLater, x.Stmt
		return
	}
	if x := createdInSection(e, earlier, later, d); x != nil {
		e.Protection, e.ProtectedAt = model.ByRecreated, x.Stmt
		return
	}
	if e.Action == model.ActInsert && deletedFirst(e, prev, d) {
		e.Protection, e.ProtectedAt = model.ByDeleteFirst, prev
		return
	}
	if isData(e.Action) {
		if x := freshTable(e, earlier, d); x != nil {
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

// falsifiedBySection reports whether the last change the section makes to
// the predicate's object leaves the predicate false for the next run.
func falsifiedBySection(p *model.Predicate, earlier, later []*model.Effect, d model.Dialect) bool {
	var last *model.Effect
	for _, list := range [][]*model.Effect{earlier, later} {
		for _, x := range list {
			switch x.Action {
			case model.ActCreate, model.ActAdd, model.ActDrop:
				if x.Object.Same(p.Object, d) {
					last = x
				}
			case model.ActRename:
				renamed := x.Object
				renamed.Name = x.NewName
				if x.Object.Same(p.Object, d) || renamed.Same(p.Object, d) {
					last = x
				}
			}
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
		return e.Guard != model.GuardNone
	case model.ActUpdate:
		return e.Guard == model.GuardSelfCheck
	}
	return false
}

func handlerCatches(c model.Failure, a model.Action) bool {
	switch a {
	case model.ActCreate, model.ActAdd:
		return c&model.FailDuplicate != 0
	case model.ActDrop:
		return c&model.FailMissing != 0
	case model.ActRename:
		return c&(model.FailMissing|model.FailDuplicate) != 0
	case model.ActInsert:
		return c&model.FailUniqueRow != 0
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

// earlierDrop finds an earlier DROP of the object, or of the table (or
// view) that owns it, in the same section: the object is gone when e runs
// again.
func earlierDrop(e *model.Effect, earlier []*model.Effect, d model.Dialect) *model.Effect {
	if e.Action != model.ActCreate && e.Action != model.ActAdd {
		return nil
	}
	owner := model.Object{Kind: model.KindRelation, Schema: e.Object.Schema, Name: e.Object.Table}
	for i := len(earlier) - 1; i >= 0; i-- {
		x := earlier[i]
		if x.Action != model.ActDrop {
			continue
		}
		if x.Object.Same(e.Object, d) || (e.Object.Table != "" && x.Object.Same(owner, d)) {
			return x
		}
	}
	return nil
}

// createdInSection finds a CREATE or ADD of a dropped object elsewhere
// in the same section: before the DROP it makes the object exist for it,
// after the DROP it makes it exist again for the next run.
func createdInSection(e *model.Effect, earlier, later []*model.Effect, d model.Dialect) *model.Effect {
	if e.Action != model.ActDrop {
		return nil
	}
	for _, list := range [][]*model.Effect{later, earlier} {
		for _, x := range list {
			if (x.Action == model.ActCreate || x.Action == model.ActAdd) && x.Object.Same(e.Object, d) {
				return x
			}
		}
	}
	return nil
}

// droppedLater finds the DROP that ends the section's work with an object
// it creates (CREATE PROCEDURE p; CALL p; DROP PROCEDURE p): the object is
// gone again when the second run creates it.
func droppedLater(e *model.Effect, later []*model.Effect, d model.Dialect) *model.Effect {
	if e.Action != model.ActCreate && e.Action != model.ActAdd {
		return nil
	}
	var last *model.Effect
	for _, x := range later {
		if (x.Action == model.ActDrop || x.Action == model.ActCreate || x.Action == model.ActAdd) && x.Object.Same(e.Object, d) {
			last = x
		}
	}
	if last != nil && last.Action == model.ActDrop {
		return last
	}
	return nil
}

// targetsTemporary reports whether e writes to a temporary table created
// earlier in the section.
func targetsTemporary(e *model.Effect, earlier []*model.Effect, d model.Dialect) bool {
	t := e.Object
	if e.Object.Table != "" {
		t = model.Object{Kind: model.KindTable, Schema: e.Object.Schema, Name: e.Object.Table}
	}
	for _, x := range earlier {
		if x.Action == model.ActCreate && x.Temporary && x.Object.Same(t, d) {
			return true
		}
	}
	return false
}

// freshTable finds an earlier CREATE TABLE of e's table that is not IF NOT
// EXISTS: on a second run either it fails first, or (dropped just before)
// it makes the table anew and empty. Either way e never meets its own
// earlier rows.
func freshTable(e *model.Effect, earlier []*model.Effect, d model.Dialect) *model.Effect {
	for _, x := range earlier {
		if x.Action == model.ActCreate && (x.Object.Kind == model.KindTable) &&
			x.Guard != model.GuardIfNotExists && x.Object.Same(e.Object, d) {
			return x
		}
	}
	return nil
}

// deletedFirst recognises DELETE FROM t WHERE k = ... right before an
// INSERT INTO t of the same keys.
func deletedFirst(e *model.Effect, prev *model.Statement, d model.Dialect) bool {
	if prev == nil || prev == e.Stmt {
		return false
	}
	for _, x := range prev.Effects {
		if x.Action != model.ActDelete || !x.Object.Same(e.Object, d) {
			continue
		}
		if !x.HasWhere {
			return true
		}
		if len(x.Keys) == 0 {
			continue
		}
		return keysCovered(x.Keys, e.Keys)
	}
	return false
}

// keysCovered: every value the insert writes to a column the delete
// tests was deleted. With no overlap at all, the idiom is not recognised.
func keysCovered(deleted, inserted []string) bool {
	del := map[string]map[string]bool{}
	for _, k := range deleted {
		col, val, _ := strings.Cut(k, "=")
		col = strings.ToLower(col)
		if del[col] == nil {
			del[col] = map[string]bool{}
		}
		del[col][val] = true
	}
	overlap := false
	for _, k := range inserted {
		col, val, _ := strings.Cut(k, "=")
		vals, ok := del[strings.ToLower(col)]
		if !ok {
			continue
		}
		if !vals[val] {
			return false
		}
		overlap = true
	}
	return overlap || len(inserted) == 0
}
