package parser

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// The name simulation follows the tables and columns a section creates,
// drops and renames through the whole section, twice: the first run from
// what the file itself says about the database before it (a statement
// that needs a name present or absent tells, since the first run
// succeeded), the second from the state the first run leaves. Each
// unguarded create, add, drop or rename then gets the verdict the second
// run gives it: it fails (the name it needs is gone, or the name it makes
// is taken), or it succeeds and leaves its names as the first run left
// them. An INSERT, UPDATE, DELETE or TRUNCATE fails when a table or column
// it uses is gone (data copied out of a column the section then drops).
// That judges rebuild cycles as a whole:
//
//	ALTER TABLE t RENAME TO t_old;   -- second run: t is the new table, t_old is gone
//	CREATE TABLE t (...);            -- t was just renamed away
//	INSERT INTO t SELECT * FROM t_old;
//	DROP TABLE t_old;                -- the backup is there again
//
// runs twice, while the same cycle without the DROP fails at its RENAME.
// A statement that fails on the second run is taken as skipped (as IF
// [NOT] EXISTS would make it) and the run goes on, so every statement that
// would fail is named, not only the first.
//
// The simulation gives no verdict where it cannot be sure: a name written
// with two schemas, a table a routine body, view, index or sequence of the
// same name also touches, a temporary table, a column of a table created
// from elsewhere (LIKE, AS SELECT, INHERITS: its columns are not known),
// and no verdict at all in
// a section with a statement the parser could not read, a name it cannot
// know, or a DROP SCHEMA / DATABASE.

// verdict is what the simulated second run says about an effect.
type verdict uint8

const (
	noVerdict verdict = iota
	rerunFails
	rerunSucceeds
)

// rerunResult is the verdict with, on failure, what the second run meets.
type rerunResult struct {
	v     verdict
	meets string
	// span is where in the statement it fails, when narrower than the
	// effect (a column an UPDATE uses).
	span model.Span
}

type tri uint8

const (
	unknown tri = iota
	present
	absent
)

// tableInst is one table as created: its columns as it was made
// (inferred by the first run) and as they are now.
type tableInst struct {
	origin map[string]tri
	cur    map[string]tri
	// fuzzy: made by a guarded CREATE whose result is not known, so its
	// columns can neither be known nor inferred.
	fuzzy bool
	// complete: origin lists every column the table was made with (a
	// CREATE TABLE that takes no columns from elsewhere).
	complete bool
}

func (t *tableInst) col(c string) tri {
	if t == nil || t.fuzzy {
		return unknown
	}
	if v, ok := t.cur[c]; ok {
		return v
	}
	if v, ok := t.origin[c]; ok || !t.complete {
		return v
	}
	return absent
}

func (t *tableInst) setCol(c string, v tri) {
	if t == nil {
		return
	}
	if t.cur == nil {
		t.cur = map[string]tri{}
	}
	t.cur[c] = v
}

type slot struct {
	state tri
	inst  *tableInst
}

// nameSim holds one run's state.
type nameSim struct {
	d      model.Dialect
	tables map[string]*slot
	// first is true on the first run, which infers what it needs.
	first bool
	// created maps each CREATE TABLE of the first run to the table it
	// made, so that the second run's CREATE makes the same columns.
	created map[*model.Effect]*tableInst
	// misread are the uses (by index) the first run found missing.
	misread map[*model.Effect]map[int]bool
	// follows says whether the simulation can follow a use's table.
	follows func(model.Object) bool
}

func (s *nameSim) key(name string) string {
	if s.d.MySQLFamily() {
		return strings.ToLower(name)
	}
	return name
}

func (s *nameSim) colKey(name string) string {
	// Column names compare case-insensitively on MySQL and MariaDB;
	// PostgreSQL's parser has already folded unquoted ones.
	return s.key(name)
}

func (s *nameSim) slot(name string) *slot {
	k := s.key(name)
	sl := s.tables[k]
	if sl == nil {
		sl = &slot{}
		s.tables[k] = sl
	}
	return sl
}

// need checks that a table is present or absent. On the first run an
// unknown state is inferred; on the second it is answered as is.
func (s *nameSim) need(sl *slot, want tri) tri {
	if sl.state == unknown && s.first {
		sl.state = want
		if want == present && sl.inst == nil {
			sl.inst = &tableInst{origin: map[string]tri{}}
		}
		return want
	}
	return sl.state
}

func (s *nameSim) needCol(inst *tableInst, c string, want tri) tri {
	v := inst.col(c)
	if v == unknown && s.first && inst != nil && !inst.fuzzy {
		inst.origin[c] = want
		return want
	}
	return v
}

// check folds states into a verdict: all as wanted succeeds, any
// contradicted fails, otherwise none.
type check struct {
	ok    bool
	known bool
	meets string
}

func newCheck() check { return check{ok: true, known: true} }

func (c *check) add(got, want tri, meets string) {
	switch {
	case got == unknown:
		c.known = false
	case got != want:
		if c.ok {
			c.meets = meets
		}
		c.ok = false
	}
}

// step applies one effect. guarded effects are applied as their guard
// leaves the database; the others are checked first and, when they fail,
// skipped. It returns the effect's verdict on this run.
func (s *nameSim) step(e *model.Effect, guarded bool) rerunResult {
	o := e.Object
	if o.Kind == model.KindColumn {
		return s.column(e, guarded)
	}
	sl := s.slot(o.Name)
	switch e.Action {
	case model.ActCreate:
		if guarded {
			// IF NOT EXISTS keeps a table that is there; OR REPLACE and a
			// CREATE whose condition found none make a new one.
			if sl.state != present || e.Guard == model.GuardOrReplace {
				sl.inst = s.instFor(e, sl.state == unknown && e.Guard != model.GuardOrReplace)
			}
			sl.state = present
			return rerunResult{}
		}
		c := newCheck()
		c.add(s.need(sl, absent), absent, o.Kind.String()+" "+o.Name+" already exists")
		if !c.ok {
			return rerunResult{v: rerunFails, meets: c.meets}
		}
		sl.state, sl.inst = present, s.instFor(e, false)
		return verdictOf(c)
	case model.ActDrop:
		if guarded {
			sl.state, sl.inst = absent, nil
			return rerunResult{}
		}
		c := newCheck()
		c.add(s.need(sl, present), present, o.Kind.String()+" "+o.Name+" no longer exists")
		if !c.ok {
			return rerunResult{v: rerunFails, meets: c.meets}
		}
		sl.state, sl.inst = absent, nil
		return verdictOf(c)
	case model.ActRename:
		to := s.slot(e.NewName)
		if to == sl {
			return rerunResult{} // a change of case only
		}
		if guarded {
			switch sl.state {
			case present:
				to.state, to.inst = present, sl.inst
			case unknown:
				if to.state != present {
					to.state, to.inst = unknown, &tableInst{fuzzy: true}
				}
			}
			sl.state, sl.inst = absent, nil
			return rerunResult{}
		}
		c := newCheck()
		c.add(s.need(sl, present), present, o.Kind.String()+" "+o.Name+" no longer exists")
		c.add(s.need(to, absent), absent, o.Kind.String()+" "+e.NewName+" already exists")
		if !c.ok {
			return rerunResult{v: rerunFails, meets: c.meets}
		}
		to.state, to.inst = present, sl.inst
		sl.state, sl.inst = absent, nil
		return verdictOf(c)
	case model.ActInsert, model.ActUpdate, model.ActDelete, model.ActTruncate:
		if !guarded {
			return s.data(e)
		}
	}
	return rerunResult{}
}

// dataAction reports the actions data checks: isData's, and TRUNCATE.
func dataAction(a model.Action) bool { return isData(a) || a == model.ActTruncate }

// tableOf is the table a simulated name belongs to: a column's table, or
// the table itself.
func tableOf(o model.Object) string {
	if o.Kind == model.KindColumn {
		return o.Table
	}
	return o.Name
}

// data checks what an INSERT, UPDATE, DELETE or TRUNCATE needs: its table,
// and the tables and columns it uses. The first run infers them, as it
// infers what DDL needs; a use it finds missing is a name the parser
// misread (a column of another table), and is passed over on the second
// run. The verdict is a failure or none: that the names are there says
// nothing of what the statement writes.
func (s *nameSim) data(e *model.Effect) rerunResult {
	c := newCheck()
	c.add(s.need(s.slot(e.Object.Name), present), present, "table "+e.Object.Name+" no longer exists")
	var at model.Span
	for i, u := range e.Uses {
		if s.misread[e][i] || !s.follows(u.Object) {
			continue
		}
		got, meets := s.use(u.Object)
		if s.first {
			if got == absent {
				if s.misread[e] == nil {
					s.misread[e] = map[int]bool{}
				}
				s.misread[e][i] = true
			}
			continue
		}
		ok := c.ok
		c.add(got, present, meets)
		if ok && !c.ok {
			at = u.Span
		}
	}
	if c.ok || s.first {
		return rerunResult{}
	}
	return rerunResult{v: rerunFails, meets: c.meets, span: at}
}

// use needs a table or column present, and says what a statement that
// needs it meets when it is not.
func (s *nameSim) use(o model.Object) (tri, string) {
	if o.Kind == model.KindTable {
		return s.need(s.slot(o.Name), present), "table " + o.Name + " no longer exists"
	}
	sl := s.slot(o.Table)
	if s.need(sl, present) != present {
		// A missing table is its own use's failure.
		return unknown, ""
	}
	return s.needCol(sl.inst, s.colKey(o.Name), present), "column " + o.Table + "." + o.Name + " no longer exists"
}

// instFor is the table a CREATE makes: on the first run a new one with
// the columns its definition lists (or, for one made from elsewhere, the
// columns the run will infer), on the second the same columns again.
func (s *nameSim) instFor(e *model.Effect, fuzzy bool) *tableInst {
	if fuzzy {
		return &tableInst{fuzzy: true}
	}
	if s.first {
		t := &tableInst{origin: map[string]tri{}}
		if def := e.Def; def != nil && !def.Partial && e.Object.Kind == model.KindTable {
			for _, c := range def.Columns {
				t.origin[s.colKey(c.Name)] = present
			}
			t.complete = true
		}
		s.created[e] = t
		return t
	}
	// What the first run inferred about a table made from elsewhere
	// (LIKE, AS SELECT) held for the tables it was made from then, not
	// for what the second run copies: only a complete definition carries.
	if t := s.created[e]; t != nil && t.complete {
		return &tableInst{origin: t.origin, complete: true}
	}
	return &tableInst{fuzzy: true}
}

func (s *nameSim) column(e *model.Effect, guarded bool) rerunResult {
	o := e.Object
	sl := s.slot(o.Table)
	col := s.colKey(o.Name)
	if guarded {
		if sl.state != present {
			return rerunResult{}
		}
		switch e.Action {
		case model.ActAdd:
			sl.inst.setCol(col, present)
		case model.ActDrop:
			sl.inst.setCol(col, absent)
		case model.ActRename:
			if sl.inst.col(col) == present {
				sl.inst.setCol(s.colKey(e.NewName), present)
			} else if sl.inst.col(s.colKey(e.NewName)) != present {
				sl.inst.setCol(s.colKey(e.NewName), unknown)
			}
			sl.inst.setCol(col, absent)
		}
		return rerunResult{}
	}
	c := newCheck()
	// A missing table is another statement's failure; its columns get no
	// verdict then.
	if s.need(sl, present) != present {
		return rerunResult{}
	}
	inst := sl.inst
	where := o.Table + "." + o.Name
	switch e.Action {
	case model.ActAdd:
		c.add(s.needCol(inst, col, absent), absent, "column "+where+" already exists")
		if c.ok {
			inst.setCol(col, present)
		}
	case model.ActDrop:
		c.add(s.needCol(inst, col, present), present, "column "+where+" no longer exists")
		if c.ok {
			inst.setCol(col, absent)
		}
	case model.ActRename:
		to := s.colKey(e.NewName)
		if to == col {
			return rerunResult{}
		}
		c.add(s.needCol(inst, col, present), present, "column "+where+" no longer exists")
		c.add(s.needCol(inst, to, absent), absent, "column "+o.Table+"."+e.NewName+" already exists")
		if c.ok {
			inst.setCol(col, absent)
			inst.setCol(to, present)
		}
	case model.ActRetype:
		s.needCol(inst, col, present)
		return rerunResult{}
	default:
		return rerunResult{}
	}
	if !c.ok {
		return rerunResult{v: rerunFails, meets: c.meets}
	}
	return verdictOf(c)
}

func verdictOf(c check) rerunResult {
	if c.known {
		return rerunResult{v: rerunSucceeds}
	}
	return rerunResult{}
}

// clone copies the state for the second run.
func (s *nameSim) clone() *nameSim {
	n := &nameSim{d: s.d, tables: make(map[string]*slot, len(s.tables)), created: s.created, misread: s.misread, follows: s.follows}
	insts := map[*tableInst]*tableInst{}
	for k, sl := range s.tables {
		c := &slot{state: sl.state}
		if sl.inst != nil {
			ci := insts[sl.inst]
			if ci == nil {
				ci = &tableInst{origin: sl.inst.origin, fuzzy: sl.inst.fuzzy, complete: sl.inst.complete, cur: make(map[string]tri, len(sl.inst.cur))}
				for col, v := range sl.inst.cur {
					ci.cur[col] = v
				}
				insts[sl.inst] = ci
			}
			c.inst = ci
		}
		n.tables[k] = c
	}
	return n
}

// simulated reports whether the simulation follows the effect, and
// whether it names a table (or a column of one) at all.
func simulated(e *model.Effect) bool {
	switch e.Object.Kind {
	case model.KindTable:
		return e.Object.Table == "" || e.Object.Table == e.Object.Name
	case model.KindColumn:
		return e.Object.Table != ""
	}
	return false
}

// sharesTableNames reports kinds whose names clash with table names:
// PostgreSQL's relations share one namespace per schema; MySQL's views
// share the tables'.
func sharesTableNames(k model.ObjectKind, d model.Dialect) bool {
	switch k {
	case model.KindView:
		return true
	case model.KindMatView, model.KindSequence, model.KindIndex, model.KindRelation, model.KindPartition:
		return !d.MySQLFamily()
	}
	return false
}

// rerunVerdicts runs the section's name effects twice and returns the
// second run's verdict on every unguarded table and column create, add,
// drop and rename it can judge. items lists the section's effects in
// order; broken is set when the section holds something the simulation
// cannot follow.
func rerunVerdicts(s *model.Script, sec *model.Section, all []*model.Effect, broken bool) map[*model.Effect]rerunResult {
	d := s.Dialect
	if broken {
		return nil
	}
	// Names the simulation cannot follow.
	tainted := map[string]bool{}
	schemas := map[string]string{}
	taint := func(name string) { tainted[strings.ToLower(name)] = true }
	// A table written with two schemas cannot be followed.
	noteSchema := func(o model.Object) {
		if o.Schema == "" {
			return
		}
		table := tableOf(o)
		k := strings.ToLower(table)
		if prev, ok := schemas[k]; ok && !strings.EqualFold(prev, o.Schema) {
			taint(table)
		}
		schemas[k] = o.Schema
	}
	for _, e := range all {
		o := e.Object
		switch e.Action {
		case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename, model.ActRetype,
			model.ActInsert, model.ActUpdate, model.ActDelete, model.ActTruncate:
		default:
			continue
		}
		if o.Unknown {
			if simulated(e) || sharesTableNames(o.Kind, d) || e.Action == model.ActRename {
				return nil
			}
			continue
		}
		switch o.Kind {
		case model.KindSchema, model.KindDatabase:
			if e.Action == model.ActDrop || e.Action == model.ActRename {
				return nil
			}
			continue
		}
		if !simulated(e) {
			if sharesTableNames(o.Kind, d) && o.Table == "" {
				taint(o.Name)
				if e.Action == model.ActRename {
					taint(e.NewName)
				}
			}
			continue
		}
		table := tableOf(o)
		noteSchema(o)
		if e.Temporary || inRoutineBody(e.Stmt) || strings.Contains(e.NewName, ".") {
			taint(table)
			if e.Action == model.ActRename && o.Kind == model.KindTable {
				taint(e.NewName)
			}
		}
		for _, u := range e.Uses {
			noteSchema(u.Object)
		}
	}
	// A DROP ... CASCADE drops the tables that inherit from what it drops,
	// and those that inherit from them, which the simulation does not
	// follow.
	var gone []string
	children := map[string][]string{}
	for _, e := range all {
		if dropsAlong(e, d) {
			gone = append(gone, strings.ToLower(e.Object.Name))
		}
		for _, dep := range e.DependsOn {
			if dep.Kind == model.KindRelation && e.Object.Kind == model.KindTable {
				p := strings.ToLower(dep.Name)
				children[p] = append(children[p], strings.ToLower(e.Object.Name))
			}
		}
	}
	for seen := map[string]bool{}; len(gone) > 0; {
		p := gone[len(gone)-1]
		gone = gone[:len(gone)-1]
		for _, c := range children[p] {
			if !seen[c] {
				seen[c] = true
				taint(c)
				gone = append(gone, c)
			}
		}
	}
	// A rename links its two names: when one cannot be followed, neither
	// can the other.
	parent := map[string]string{}
	root := func(n string) string {
		for {
			p, ok := parent[n]
			if !ok || p == n {
				return n
			}
			if g, ok := parent[p]; ok {
				parent[n] = g // path halving
			}
			n = p
		}
	}
	for _, e := range all {
		if e.Action == model.ActRename && e.Object.Kind == model.KindTable && !e.Object.Unknown {
			a, b := root(strings.ToLower(e.Object.Name)), root(strings.ToLower(e.NewName))
			if a != b {
				parent[a] = b
			}
		}
	}
	bad := map[string]bool{}
	for n := range tainted {
		bad[root(n)] = true
	}
	isTainted := func(n string) bool { return bad[root(strings.ToLower(n))] }
	followed := func(e *model.Effect) bool {
		if !simulated(e) || inRoutineBody(e.Stmt) {
			return false
		}
		return !isTainted(tableOf(e.Object))
	}
	// A data statement's own guard (ON CONFLICT, WHERE NOT EXISTS) does
	// not keep it from needing its names.
	guarded := func(e *model.Effect) bool {
		return (inlineProtects(e) && !dataAction(e.Action)) || len(e.Stmt.Guards) > 0 || len(sec.Preconditions) > 0
	}

	first := &nameSim{d: d, tables: map[string]*slot{}, first: true, created: map[*model.Effect]*tableInst{},
		misread: map[*model.Effect]map[int]bool{}, follows: func(o model.Object) bool { return !isTainted(tableOf(o)) }}
	for _, e := range all {
		if !followed(e) {
			continue
		}
		if r := first.step(e, guarded(e)); r.v == rerunFails {
			// The first run cannot fail where the second is judged:
			// something the simulation does not see is at work.
			return nil
		}
	}
	end1 := first.clone()
	second := first.clone()
	second.first = false
	out := map[*model.Effect]rerunResult{}
	for _, e := range all {
		if !followed(e) {
			continue
		}
		g := guarded(e)
		r := second.step(e, g)
		if !g && r.v != noVerdict {
			out[e] = r
		}
	}
	// A statement that succeeds counts as safe only when the second run
	// leaves its names as the first did: a cycle that ends elsewhere
	// meets yet another state on the third run.
	for e, r := range out {
		if r.v == rerunSucceeds && !sameEnd(e, end1, second) {
			delete(out, e)
		}
	}
	return out
}

// sameEnd reports whether the names e touches end both runs alike.
func sameEnd(e *model.Effect, a, b *nameSim) bool {
	o := e.Object
	if o.Kind == model.KindColumn {
		sa, sb := a.slot(o.Table), b.slot(o.Table)
		if sa.state != sb.state {
			return false
		}
		if sa.state != present {
			return true
		}
		names := []string{a.colKey(o.Name)}
		if e.Action == model.ActRename {
			names = append(names, a.colKey(e.NewName))
		}
		for _, c := range names {
			if va := sa.inst.col(c); va == unknown || va != sb.inst.col(c) {
				return false
			}
		}
		return true
	}
	names := []string{o.Name}
	if e.Action == model.ActRename {
		names = append(names, e.NewName)
	}
	for _, n := range names {
		if va := a.slot(n).state; va == unknown || va != b.slot(n).state {
			return false
		}
	}
	return true
}

// inRoutineBody reports whether st stands in the body of a function,
// procedure, trigger or event, which runs when called, not in place.
func inRoutineBody(st *model.Statement) bool {
	for p := st.Parent; p != nil; p = p.Parent {
		if p.Routine != nil && !p.Routine.Anonymous {
			return true
		}
	}
	return false
}
