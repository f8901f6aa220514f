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
		tb := &Table{}
		for i := range 3 * columnIndexFrom {
			tb.Columns = append(tb.Columns, model.ColumnDef{Name: fmt.Sprintf("c%d", i)})
		}
		check := func(step string, name string, want int) {
			t.Helper()
			if got, scan := tb.column(name, d), tb.scanColumn(name, d); got != want || scan != want {
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
		tb.dropColumn("c6", d)
		check("dropped", "c6", -1)
		check("after the drop", "c7", 6)
		n := *tb
		n.forgetColumns()
		n.Columns = append([]model.ColumnDef(nil), tb.Columns...)
		n.Columns[0].Name = "only_in_clone"
		n.forgetColumns()
		check("original after a clone changed", "c0", 0)
	}
}
