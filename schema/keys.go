package schema

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// KeyGuard reports whether an insert guard works through a duplicate key:
// ON CONFLICT, INSERT IGNORE, ON DUPLICATE KEY UPDATE, REPLACE INTO. Such
// a guard protects only when the row supplies a unique key.
func KeyGuard(g model.GuardKind) bool {
	switch g {
	case model.GuardOnConflict, model.GuardInsertIgnore, model.GuardOnDuplicateKey, model.GuardReplaceInto:
		return true
	}
	return false
}

// UniqueKeys returns the unique keys of table o (primary key, unique
// constraints and indexes, PostgreSQL exclusion constraints), and whether
// they are known: false when the history has not seen the table created,
// or cannot follow what happened to its keys since.
func (h *History) UniqueKeys(o model.Object) ([]model.KeyDef, bool) {
	t := h.Table(o)
	if t == nil || !t.Known {
		return nil, false
	}
	return t.Keys, true
}

// KeyGap says why an INSERT's rows supply no unique key of their table,
// so that ON CONFLICT, INSERT IGNORE, ON DUPLICATE KEY UPDATE and REPLACE
// never meet a duplicate and every run adds the rows again: "the only
// unique key of roles is id, which the INSERT leaves to its sequence". It
// is "" when a key is supplied, and whenever the table's keys or the
// INSERT's columns are not known.
func (h *History) KeyGap(e *model.Effect) string {
	t := h.Table(e.Object)
	if t == nil || !t.Known || e.Row == nil {
		return ""
	}
	table := e.Object.Qualified()
	if len(t.Keys) == 0 {
		return fmt.Sprintf("%s has no primary key or unique constraint", table)
	}
	supplied := t.supplied(e.Row)
	type gap struct {
		key    model.KeyDef
		column string
		filler string
	}
	var gaps []gap
	for _, k := range t.Keys {
		col, filler := h.leftToGenerator(t, k, supplied)
		if col == "" {
			return "" // this key is supplied, or cannot be judged
		}
		gaps = append(gaps, gap{k, col, filler})
	}
	if len(gaps) == 1 {
		g := gaps[0]
		if len(g.key.Columns) == 1 {
			return fmt.Sprintf("the only unique key of %s is %s, which the INSERT leaves to %s", table, g.column, g.filler)
		}
		return fmt.Sprintf("the only unique key of %s is (%s), whose %s the INSERT leaves to %s",
			table, strings.Join(g.key.Columns, ", "), g.column, g.filler)
	}
	parts := make([]string, 0, len(gaps))
	for _, g := range gaps {
		parts = append(parts, fmt.Sprintf("%s (%s)", g.column, g.filler))
	}
	return fmt.Sprintf("every unique key of %s includes a column the INSERT leaves to a generator: %s", table, strings.Join(parts, ", "))
}

// supplied are the columns the rows give a value of their own.
func (t *Table) supplied(row *model.InsertRow) []string {
	names := row.Columns
	if len(names) == 0 {
		// No column list: the values fill the columns in table order.
		names = make([]string, 0, len(t.Columns))
		for _, c := range t.Columns {
			names = append(names, c.Name)
		}
	}
	out := make([]string, 0, len(names))
	for i, n := range names {
		defaulted := false
		for _, p := range row.Defaulted {
			defaulted = defaulted || p == i
		}
		if !defaulted {
			out = append(out, n)
		}
	}
	return out
}

// leftToGenerator returns a column of key k that the row leaves out and a
// generator fills, with the generator's name; "" when every column of the
// key is supplied, or the key's columns are not known.
func (h *History) leftToGenerator(t *Table, k model.KeyDef, supplied []string) (col, filler string) {
	d := h.dialect
	for _, c := range k.Columns {
		given := false
		for _, s := range supplied {
			given = given || d.SameName(s, c)
		}
		if given {
			continue
		}
		if i := h.column(t, c); i >= 0 && t.Columns[i].Generated != "" {
			return t.Columns[i].Name, t.Columns[i].Generated
		}
	}
	return "", ""
}
