package schema

import (
	"fmt"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestColumnIndex: past columnIndexFrom columns the lookup goes through
// an index, which must follow appends, renames, drops and clones exactly
// as a scan does, and fold case only for MySQL.
func TestColumnIndex(t *testing.T) {
	for _, d := range []model.Dialect{model.Postgres, model.MySQL} {
		h := New(d)
		tb := &Table{Object: model.Object{Kind: model.KindTable, Name: "t"}, gen: h.gen}
		h.tables.add("t", tb)
		for i := range 3 * columnIndexFrom {
			tb.Columns = append(tb.Columns, model.ColumnDef{Name: fmt.Sprintf("c%d", i)})
		}
		check := func(step string, name string, want int) {
			t.Helper()
			if got, scan := h.column(tb, name), tb.scanColumn(name, d); got != want || scan != want {
				t.Errorf("%s, %s: column(%q) = %d, scan %d, want %d", d, step, name, got, scan, want)
			}
		}
		check("built", "c70", 70)
		tb.Columns = append(tb.Columns, model.ColumnDef{Name: "Late"})
		check("appended", "Late", 3*columnIndexFrom)
		folded := -1
		if d.MySQLFamily() {
			folded = 3 * columnIndexFrom
		}
		check("appended, other case", "LATE", folded)
		tb.Columns[5].Name = "renamed"
		tb.forgetColumns()
		check("renamed: old name", "c5", -1)
		check("renamed: new name", "renamed", 5)
		h.dropColumn(tb, "c6")
		check("dropped", "c6", -1)
		check("after the drop", "c7", 6)
		if tb.byName == nil {
			t.Errorf("%s: an owned table with %d columns has no index", d, len(tb.Columns))
		}
		c := h.Clone()
		ct := c.own(c.Table(tb.Object))
		ct.Columns[0].Name = "only_in_clone"
		ct.forgetColumns()
		check("original after a clone changed", "c0", 0)
		check("original after a clone changed", "only_in_clone", -1)
		if got := c.column(ct, "only_in_clone"); got != 0 {
			t.Errorf("%s: clone: column(only_in_clone) = %d, want 0", d, got)
		}
		// The original still shares its table, until it changes it too.
		if n := h.Table(tb.Object); n != tb {
			t.Errorf("%s: the original's table was copied by a change to the clone", d)
		}
		if n := h.own(tb); n == tb || n == ct || h.Table(tb.Object) != n || h.column(n, "c0") != 0 {
			t.Errorf("%s: the original's own copy: same as shared %v, as the clone's %v, in place %v", d, n == tb, n == ct, h.Table(tb.Object) == n)
		}
	}
}
