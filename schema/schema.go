// Package schema follows the tables a run of migrations builds: for each
// table its columns (and which of them a generator fills: a sequence,
// AUTO_INCREMENT, a UUID default) and its unique keys. Fed the effects of
// the scripts in the order the server runs them, it answers what a table
// looks like at that point, or says it does not know.
//
// It reads only the dialect-neutral model (package model), so the parser
// and the rules can both ask it.
package schema

import (
	"slices"
	"strings"
	"sync/atomic"

	"github.com/idemlint/idemlint/parser/model"
)

// History is the tables known at one point of a run of migrations.
type History struct {
	dialect model.Dialect
	// tables by lower-cased name; names compare with model.Object.Same.
	tables lists
	// indexes maps a lower-cased index name to the tables that may hold
	// it (checked on lookup), for DROP INDEX, which names no table.
	indexes lists
	// file is the migration being applied: what it creates is "created
	// here" (see Origin).
	file string
	// gen marks the tables this history may change in place: those whose
	// gen is the same. Clone shares the tables and gives both histories a
	// new gen; each then copies a table the first time it changes it
	// (own). A relint clones a folder's history three times and touches
	// few of its tables.
	gen uint64
}

// lists maps a name to a list of tables. A clone shares the lists until
// it changes one: owned are the lists whose array this history alone
// holds, which it may change in place.
type lists struct {
	m     map[string][]*Table
	owned map[string]bool
}

func newLists() lists { return lists{m: map[string][]*Table{}, owned: map[string]bool{}} }

// add appends t to the list of k, in place once the list is owned, so
// that a long list (every MySQL table's key is named PRIMARY) grows at
// the usual amortized cost.
func (l *lists) add(k string, t *Table) {
	s := l.m[k]
	if !l.owned[k] {
		s = append(make([]*Table, 0, len(s)+1+len(s)/2), s...)
		l.owned[k] = true
	}
	l.m[k] = append(s, t)
}

// replace puts n where t is in the list of k.
func (l *lists) replace(k string, t, n *Table) {
	s := l.m[k]
	i := slices.Index(s, t)
	if i < 0 {
		return
	}
	if !l.owned[k] {
		s = slices.Clone(s)
		l.m[k], l.owned[k] = s, true
	}
	s[i] = n
}

// remove takes the i-th table out of the list of k.
func (l *lists) remove(k string, i int) {
	s := l.m[k]
	n := make([]*Table, 0, len(s)-1)
	l.m[k], l.owned[k] = append(append(n, s[:i]...), s[i+1:]...), true
}

// share gives a copy of the lists, which shares their arrays: neither
// owns any of them any more.
func (l *lists) share() lists {
	c := lists{m: make(map[string][]*Table, len(l.m)), owned: map[string]bool{}}
	for k, s := range l.m {
		c.m[k] = s
	}
	clear(l.owned)
	return c
}

// gens hands out History.gen values. Histories are cloned and changed on
// several goroutines.
var gens atomic.Uint64

// Table is one table as the history knows it.
type Table struct {
	Object  model.Object
	Columns []model.ColumnDef
	Keys    []model.KeyDef
	// Known is false when the definition left something out (LIKE, AS
	// SELECT, INHERITS) or a change the history cannot follow touched the
	// keys: the table's unique keys are then not known.
	Known bool
	// Checks are its CHECK (col IS NOT NULL) constraints.
	Checks []model.CheckDef
	// Indexes are the names of its indexes that are not unique keys.
	Indexes []string
	// CreatedBy is the migration that created it (History.SetFile).
	CreatedBy string
	// Placeholder marks a table the history has not seen created, kept
	// while it follows one file (Walk) so that the file's own changes to
	// it (a column's type, a CHECK) are known to its later statements.
	Placeholder bool
	// byName indexes the first indexed columns by name (folded for
	// MySQL), once a table has many: a file that adds thousands of
	// columns to one table must not look each one up among all of them.
	byName  map[string]int
	indexed int
	gen     uint64 // see History.gen
	// listed are the keys of History.indexes whose lists hold the table,
	// among them names it no longer has.
	listed []string
}

// New starts an empty history: nothing is known about any table.
func New(d model.Dialect) *History {
	return &History{dialect: d, tables: newLists(), indexes: newLists(), gen: gens.Add(1)}
}

// SetFile names the migration whose changes come next: the tables they
// create are recorded as created by it.
func (h *History) SetFile(path string) { h.file = path }

// File is the migration SetFile named.
func (h *History) File() string { return h.file }

// Origin says whether table o was created by the migration being
// applied, by an earlier one, or is not known to the history.
func (h *History) Origin(o model.Object) model.Origin {
	return h.origin(h.Table(o))
}

func (h *History) origin(t *Table) model.Origin {
	switch {
	case t == nil || t.Placeholder:
		return model.OriginUnknown
	case t.CreatedBy == h.file:
		return model.OriginHere
	case t.CreatedBy+downMark == h.file:
		// A rollback meets the tables its own up sections created as
		// existing ones, not as an earlier migration's.
		return model.OriginUnknown
	}
	return model.OriginBefore
}

// ColumnType is the type the history last saw column col of table o
// declared with; "" when not known.
func (h *History) ColumnType(o model.Object, col string) string {
	t := h.Table(o)
	if t == nil {
		return ""
	}
	if i := h.column(t, col); i >= 0 {
		return t.Columns[i].Type
	}
	return ""
}

// NotNullChecked reports whether table o has a valid CHECK (col IS NOT
// NULL) on column col.
func (h *History) NotNullChecked(o model.Object, col string) bool {
	t := h.Table(o)
	if t == nil {
		return false
	}
	for _, c := range t.Checks {
		if !c.Invalid && h.eq(c.Column, col) {
			return true
		}
	}
	return false
}

// IndexTable returns the table that holds the index named name (in the
// schema of o when o names one), or nil when the history does not know it.
func (h *History) IndexTable(o model.Object) *Table {
	for _, t := range h.indexes.m[strings.ToLower(o.Name)] {
		if h.Table(t.Object) != t || (o.Schema != "" && t.Object.Schema != "" && !h.eq(o.Schema, t.Object.Schema)) {
			continue
		}
		if t.index(o.Name, h.dialect) >= 0 || t.key(o.Name, h.dialect) >= 0 {
			return t
		}
	}
	return nil
}

// Clone copies the history, so that a folder's history can be kept at
// each file while it grows. The copies share their tables until one of
// them changes a table, which it then copies (own): a copy costs the two
// maps, not every column of every table. Clone marks h's tables as
// shared too, so no other goroutine may use h meanwhile; afterwards h and
// the copy may each be used on a goroutine of its own.
func (h *History) Clone() *History {
	c := &History{dialect: h.dialect, file: h.file, gen: gens.Add(1), tables: h.tables.share(), indexes: h.indexes.share()}
	h.gen = gens.Add(1)
	return c
}

// own returns t as this history may change it: t itself when no other
// history shares it, otherwise a copy that takes its place here.
func (h *History) own(t *Table) *Table {
	if t == nil || t.gen == h.gen {
		return t
	}
	n := *t
	n.gen = h.gen
	n.forgetColumns()
	n.Columns = slices.Clone(t.Columns)
	n.Keys = copyKeys(nil, t.Keys)
	n.Checks = slices.Clone(t.Checks)
	n.Indexes = slices.Clone(t.Indexes)
	h.tables.replace(strings.ToLower(t.Object.Name), t, &n)
	// The index lists hold t: the copy takes its place there, so that
	// IndexTable meets the tables in the order they came, as it would in
	// a history never cloned.
	n.listed = slices.Clone(t.listed)
	for _, k := range n.listed {
		h.indexes.replace(k, t, &n)
	}
	return &n
}

// Dialect is the dialect whose name rules the history compares by.
func (h *History) Dialect() model.Dialect { return h.dialect }

// ApplyScript folds in what a whole migration leaves behind when it runs
// forward: the effects of its up sections (a plain file is all up), not
// those of its rollbacks nor of temporary tables.
func (h *History) ApplyScript(s *model.Script) { h.ApplyChanges(Changes(s)) }

// Change is what the history keeps of one effect: the fields Apply reads,
// a quarter of a model.Effect's size. A folder whose migrations run in
// another order than their names sort holds the changes of up to the
// run's window of files at once.
type Change struct {
	Action  model.Action
	Guard   model.GuardKind
	Object  model.Object
	NewName string
	Def     *model.TableDef
}

// Changes returns what a migration leaves behind, detached from the parse
// tree: each effect of the up sections with only what Apply reads. A run
// keeps these of every migration of a folder, not the migrations' parses,
// and applies them later with ApplyChanges.
func Changes(s *model.Script) []Change {
	var out []Change
	s.Walk(func(st *model.Statement) {
		if st.Section.IsDown() {
			return
		}
		for _, e := range st.Effects {
			if e.Temporary || e.Object.Unknown {
				continue
			}
			switch e.Action {
			case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename:
				out = append(out, Change{Action: e.Action, Object: e.Object, Guard: e.Guard, NewName: e.NewName, Def: e.Def})
			}
		}
		out = lockChanges(out, st)
	})
	// The slice is kept until the folder's history takes it: not with the
	// room its growth left.
	if cap(out)-len(out) > len(out)/8 {
		out = slices.Clone(out)
	}
	return out
}

// lockChanges appends to out the changes a statement's locking clauses
// make to what the history follows: a column's new type, a constraint
// validated. The re-run analysis has no effect for them.
func lockChanges(out []Change, st *model.Statement) []Change {
	for _, op := range st.Locks {
		switch op.Kind {
		case model.LockAlterType:
			if op.Type == "" || op.Column == "" {
				continue
			}
			col := model.Object{Kind: model.KindColumn, Schema: op.Table.Schema, Table: op.Table.Name, Name: op.Column}
			out = append(out, Change{Action: model.ActRetype, Object: col,
				Def: &model.TableDef{Columns: []model.ColumnDef{{Name: op.Column, Type: op.Type}}}})
		case model.LockValidate:
			con := model.Object{Kind: model.KindConstraint, Schema: op.Table.Schema, Table: op.Table.Name, Name: op.Constraint}
			out = append(out, Change{Action: model.ActUpdate, Object: con})
		}
	}
	return out
}

// downMark names a file's rollback sections apart from its up ones.
const downMark = "\x00down"

// ApplyChanges folds in what Changes returned, in order.
func (h *History) ApplyChanges(cs []Change) {
	for _, c := range cs {
		h.Apply(&model.Effect{Action: c.Action, Guard: c.Guard, Object: c.Object, NewName: c.NewName, Def: c.Def})
	}
}

// Apply folds in one effect, in the order the server runs them.
func (h *History) Apply(e *model.Effect) {
	if e.Temporary || e.Object.Unknown {
		return
	}
	o := e.Object
	switch e.Action {
	case model.ActCreate:
		switch o.Kind {
		case model.KindTable:
			if t := h.Table(o); t != nil && !t.Placeholder && e.Guard == model.GuardIfNotExists {
				return // the table stays as it was
			}
			h.drop(o)
			t := &Table{Object: model.Object{Kind: model.KindTable, Schema: o.Schema, Name: o.Name}, CreatedBy: h.file, gen: h.gen}
			if e.Def != nil {
				t.Known = !e.Def.Partial
				t.Columns = append(t.Columns, e.Def.Columns...)
				t.Keys = copyKeys(t.Keys, e.Def.Keys)
				t.Checks = append(t.Checks, e.Def.Checks...)
			}
			key := strings.ToLower(o.Name)
			h.tables.add(key, t)
			h.indexTable(t)
		case model.KindIndex:
			h.addKeys(o, e)
			if t := h.owner(o); t != nil && o.Name != "" && (e.Def == nil || len(e.Def.Keys) == 0) &&
				(e.Guard != model.GuardIfNotExists || t.index(o.Name, h.dialect) < 0) {
				t = h.own(t)
				t.Indexes = append(t.Indexes, o.Name)
				h.indexName(t, o.Name)
			}
		}
	case model.ActAdd:
		switch o.Kind {
		case model.KindColumn:
			t := h.owner(o)
			if t == nil || e.Def == nil {
				return
			}
			t = h.own(t)
			for _, c := range e.Def.Columns {
				if h.column(t, c.Name) < 0 {
					t.Columns = append(t.Columns, c)
				}
			}
			t.Keys = copyKeys(t.Keys, e.Def.Keys)
		case model.KindConstraint, model.KindIndex:
			h.addKeys(o, e)
			if t := h.owner(o); t != nil && e.Def != nil && len(e.Def.Checks) > 0 {
				t = h.own(t)
				t.Checks = append(t.Checks, e.Def.Checks...)
			}
		}
	case model.ActRetype:
		if t := h.owner(o); t != nil && e.Def != nil {
			t = h.own(t)
			for _, c := range e.Def.Columns {
				if i := h.column(t, c.Name); i >= 0 {
					t.Columns[i].Type = c.Type
				}
			}
		}
	case model.ActUpdate:
		// VALIDATE CONSTRAINT (lockChanges).
		if t := h.owner(o); t != nil && o.Kind == model.KindConstraint {
			t = h.own(t)
			for i := range t.Checks {
				if h.eq(t.Checks[i].Name, o.Name) {
					t.Checks[i].Invalid = false
				}
			}
		}
	case model.ActDrop:
		switch o.Kind {
		case model.KindTable:
			h.drop(o)
		case model.KindColumn:
			if t := h.owner(o); t != nil {
				h.dropColumn(h.own(t), o.Name)
			}
		case model.KindConstraint, model.KindIndex:
			h.dropKey(o)
		}
	case model.ActRename:
		h.rename(o, e.NewName)
	}
}

// Table returns what the history knows of table o, or nil when it has
// not seen it created.
func (h *History) Table(o model.Object) *Table {
	probe := model.Object{Kind: model.KindTable, Schema: o.Schema, Name: o.Name}
	for _, t := range h.tables.m[strings.ToLower(o.Name)] {
		if t.Object.Same(probe, h.dialect) {
			return t
		}
	}
	return nil
}

// owner is the table that owns a column, constraint or index.
func (h *History) owner(o model.Object) *Table {
	if o.Table == "" {
		return nil
	}
	return h.Table(model.Object{Schema: o.Schema, Name: o.Table})
}

func (h *History) drop(o model.Object) {
	key := strings.ToLower(o.Name)
	probe := model.Object{Kind: model.KindTable, Schema: o.Schema, Name: o.Name}
	for i, t := range h.tables.m[key] {
		if t.Object.Same(probe, h.dialect) {
			h.tables.remove(key, i)
			return
		}
	}
}

func (h *History) addKeys(o model.Object, e *model.Effect) {
	if e.Def == nil {
		return
	}
	t := h.own(h.owner(o))
	if t == nil {
		return
	}
	for _, k := range e.Def.Keys {
		if k.Name != "" && t.key(k.Name, h.dialect) >= 0 {
			if e.Guard == model.GuardIfNotExists {
				continue // IF NOT EXISTS: the existing one stays
			}
			t.Keys = slicesDelete(t.Keys, t.key(k.Name, h.dialect))
		}
		t.Keys = copyKeys(t.Keys, []model.KeyDef{k})
		h.indexName(t, k.Name)
	}
}

// dropKey removes the key a DROP CONSTRAINT / DROP INDEX names. A drop of
// a name the history does not know is of another kind of constraint or
// index, unless the table has a key whose name the history could not
// work out: that one may be gone.
func (h *History) dropKey(o model.Object) {
	var tables []*Table
	if t := h.owner(o); t != nil {
		tables = []*Table{t}
	} else if o.Table == "" {
		// PostgreSQL's DROP INDEX names no table.
		tables = h.generatedNameOwners(o.Name)
	}
	if o.Table == "" && o.Kind == model.KindIndex {
		if t := h.IndexTable(o); t != nil {
			tables = []*Table{t}
		}
	}
	for _, t := range tables {
		if i := t.index(o.Name, h.dialect); i >= 0 {
			t = h.own(t)
			t.Indexes = slicesDelete(t.Indexes, i)
			return
		}
		for i := range t.Checks {
			if t.Checks[i].Name != "" && h.eq(t.Checks[i].Name, o.Name) {
				t = h.own(t)
				t.Checks = slicesDelete(t.Checks, i)
				return
			}
		}
		if i := t.key(o.Name, h.dialect); i >= 0 {
			t = h.own(t)
			t.Keys = slicesDelete(t.Keys, i)
			return
		}
	}
	for _, t := range tables {
		if t.Known && t.key("", h.dialect) >= 0 {
			h.own(t).Known = false
		}
	}
}

// generatedNameOwners are the tables whose unnamed keys the server may
// have given this name: PostgreSQL names them <table>_<columns>_key or
// <table>_pkey, so the tables named by a prefix of it that ends before an
// underscore. A name near the 63-byte limit may hold a truncated table
// name: then every table.
func (h *History) generatedNameOwners(name string) []*Table {
	var out []*Table
	if len(name) >= 60 {
		for _, list := range h.tables.m {
			out = append(out, list...)
		}
		return out
	}
	for i := 1; i < len(name); i++ {
		if name[i] == '_' {
			out = append(out, h.tables.m[strings.ToLower(name[:i])]...)
		}
	}
	return out
}

func (h *History) rename(o model.Object, to string) {
	if to == "" {
		return
	}
	switch o.Kind {
	case model.KindTable:
		t := h.own(h.Table(o))
		if t == nil {
			return
		}
		h.drop(o)
		h.drop(model.Object{Kind: model.KindTable, Schema: o.Schema, Name: to})
		t.Object.Name = to
		key := strings.ToLower(to)
		h.tables.add(key, t)
	case model.KindColumn:
		t := h.own(h.owner(o))
		if t == nil {
			return
		}
		if i := h.column(t, o.Name); i >= 0 {
			t.Columns[i].Name = to
			t.forgetColumns()
		}
		for i := range t.Checks {
			if h.eq(t.Checks[i].Column, o.Name) {
				t.Checks[i].Column = to
			}
		}
		for ki := range t.Keys {
			for ci, c := range t.Keys[ki].Columns {
				if h.eq(c, o.Name) {
					t.Keys[ki].Columns[ci] = to
				}
			}
		}
	case model.KindConstraint, model.KindIndex:
		t := h.owner(o)
		if t == nil && o.Table == "" {
			t = h.IndexTable(o)
		}
		if t == nil {
			return
		}
		t = h.own(t)
		if i := t.key(o.Name, h.dialect); i >= 0 {
			t.Keys[i].Name = to
			h.indexName(t, to)
		}
		if i := t.index(o.Name, h.dialect); i >= 0 {
			t.Indexes[i] = to
			h.indexName(t, to)
		}
	}
}

// indexTable records that t may hold the indexes and keys it names.
func (h *History) indexTable(t *Table) {
	for _, n := range t.Indexes {
		h.indexName(t, n)
	}
	for _, k := range t.Keys {
		h.indexName(t, k.Name)
	}
}

// indexName records that t, which h owns, may hold an index or key named
// name. Only the new name: a table that gains thousands of indexes must
// not have all of them indexed again each time.
func (h *History) indexName(t *Table, name string) {
	if name == "" {
		return
	}
	k := strings.ToLower(name)
	// Either side tells whether t is listed under k; the shorter is asked,
	// as one may be long: a table with thousands of indexes, or a name
	// every table's key has (MySQL's PRIMARY).
	listed := false
	if l := h.indexes.m[k]; len(l) < len(t.listed) {
		listed = slices.Contains(l, t)
	} else {
		listed = slices.Contains(t.listed, k)
	}
	if !listed {
		h.indexes.add(k, t)
		t.listed = append(t.listed, k)
	}
}

func (t *Table) index(name string, d model.Dialect) int {
	for i, n := range t.Indexes {
		if d.SameName(n, name) {
			return i
		}
	}
	return -1
}

func (h *History) eq(a, b string) bool { return h.dialect.SameName(a, b) }

// columnIndexFrom is the number of columns from which column looks names
// up in an index rather than one by one.
const columnIndexFrom = 32

// column is the index of t's column name, or -1. It indexes the columns
// of a table this history owns; one it shares with another history,
// which another goroutine may be reading, is only read.
func (h *History) column(t *Table, name string) int {
	d := h.dialect
	if len(t.Columns) < columnIndexFrom || t.gen != h.gen {
		return t.scanColumn(name, d)
	}
	if t.byName == nil || t.indexed > len(t.Columns) {
		t.byName, t.indexed = make(map[string]int, len(t.Columns)), 0
	}
	// Columns are appended in place: index the new ones. Renames and
	// drops reset the index (forgetColumns).
	for ; t.indexed < len(t.Columns); t.indexed++ {
		k := columnKey(t.Columns[t.indexed].Name, d)
		if _, dup := t.byName[k]; !dup {
			t.byName[k] = t.indexed
		}
	}
	if i, ok := t.byName[columnKey(name, d)]; ok && d.SameName(t.Columns[i].Name, name) {
		return i
	}
	if d.MySQLFamily() && !isASCII(name) {
		// Case folding beyond ASCII: the index's key may not match.
		return t.scanColumn(name, d)
	}
	return -1
}

func (t *Table) scanColumn(name string, d model.Dialect) int {
	for i, c := range t.Columns {
		if d.SameName(c.Name, name) {
			return i
		}
	}
	return -1
}

// forgetColumns drops the column index after a rename or a drop.
func (t *Table) forgetColumns() { t.byName, t.indexed = nil, 0 }

func columnKey(name string, d model.Dialect) string {
	if d.MySQLFamily() {
		return strings.ToLower(name)
	}
	return name
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (t *Table) key(name string, d model.Dialect) int {
	for i, k := range t.Keys {
		if d.SameName(k.Name, name) {
			return i
		}
	}
	return -1
}

// dropColumn removes a column of t, which h owns, and the keys built on
// it.
func (h *History) dropColumn(t *Table, name string) {
	d := h.dialect
	if i := h.column(t, name); i >= 0 {
		t.Columns = slicesDelete(t.Columns, i)
		t.forgetColumns()
	}
	checks := t.Checks[:0]
	for _, c := range t.Checks {
		if !d.SameName(c.Column, name) {
			checks = append(checks, c)
		}
	}
	t.Checks = checks
	kept := t.Keys[:0]
	for _, k := range t.Keys {
		on := false
		for _, c := range k.Columns {
			on = on || d.SameName(c, name)
		}
		if !on {
			kept = append(kept, k)
		}
	}
	t.Keys = kept
}

// copyKeys appends keys to dst with their own column lists: the history
// renames columns in place and must not touch the effects it read.
func copyKeys(dst, keys []model.KeyDef) []model.KeyDef {
	for _, k := range keys {
		k.Columns = append([]string(nil), k.Columns...)
		dst = append(dst, k)
	}
	return dst
}

func slicesDelete[T any](s []T, i int) []T { return append(s[:i:i], s[i+1:]...) }

// touch adds a placeholder for a table the history does not know.
func (h *History) touch(o model.Object) {
	if o.Name == "" || o.Unknown || h.Table(o) != nil {
		return
	}
	key := strings.ToLower(o.Name)
	h.tables.add(key, &Table{Object: model.Object{Kind: model.KindTable, Schema: o.Schema, Name: o.Name}, Placeholder: true, gen: h.gen})
}

// LockFacts fills in what the history knows about a locking clause's
// table, as it stands before the clause's statement runs: where the table
// comes from (for a DROP INDEX or REINDEX INDEX, the index's table, which
// it also sets), the column's type before a type change, and whether a
// valid CHECK (col IS NOT NULL) is in place for a SET NOT NULL.
func (h *History) LockFacts(op *model.LockOp) {
	var t *Table
	switch {
	case op.Table.Name != "":
		t = h.Table(op.Table)
	case op.Index.Name != "":
		if t = h.IndexTable(op.Index); t != nil {
			op.Table = t.Object
		}
	}
	op.Origin = h.origin(t)
	if t == nil || op.Column == "" {
		return
	}
	if i := h.column(t, op.Column); i >= 0 {
		op.OldType = t.Columns[i].Type
	}
	for _, c := range t.Checks {
		if !c.Invalid && h.eq(c.Column, op.Column) {
			op.NotNullOK = true
		}
	}
}
