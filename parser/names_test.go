package parser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// unsafe lists the lines of the effects left unprotected, with what the
// second run meets when the name simulation knows it.
func unsafe(t *testing.T, d model.Dialect, src string) string {
	t.Helper()
	s := parser.Parse("m.sql", []byte(src), parser.Options{Dialect: d})
	var out []string
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			switch e.Action {
			case model.ActCreate, model.ActAdd, model.ActDrop, model.ActRename:
			default:
				continue
			}
			if !e.Safe() {
				line := fmt.Sprint(s.Lines.Position(e.Span.Start).Line)
				if e.RerunMeets != "" {
					line += " (" + e.RerunMeets + ")"
				}
				out = append(out, line)
			}
		}
	})
	return strings.Join(out, ", ")
}

// TestRerunVerdicts: the name simulation judges each statement against
// what the second run meets, and stays out of what it cannot follow.
func TestRerunVerdicts(t *testing.T) {
	cases := []struct {
		name string
		d    model.Dialect
		src  string
		want string
	}{
		{"cycle", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\nINSERT INTO t SELECT * FROM t_old;\nDROP TABLE t_old;\n", ""},
		{"backup kept", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\n",
			"1 (table t_old already exists), 2 (table t already exists)"},
		{"swap", model.MySQL, "CREATE TABLE t_new (id int);\nDROP TABLE t;\nRENAME TABLE t_new TO t;\n", ""},
		{"swap, names folded", model.MySQL, "CREATE TABLE T_New (id int);\nDROP TABLE t;\nRENAME TABLE t_new TO T;\n", ""},
		{"column swap", model.MariaDB, "ALTER TABLE t ADD COLUMN c_new int;\nALTER TABLE t DROP COLUMN c;\nALTER TABLE t CHANGE c_new c int;\n", ""},
		// The ADD looks dropped later, but the rename brings c back: the
		// second run's ADD fails.
		{"re-added by a rename", model.Postgres, "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t DROP COLUMN c;\nALTER TABLE t RENAME COLUMN d TO c;\n",
			"1 (column t.c already exists), 3 (column t.d no longer exists)"},
		// A guarded step is applied as its guard leaves the names.
		{"guarded create", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE IF NOT EXISTS t (id int);\nDROP TABLE IF EXISTS t_old;\n", ""},
		// A view of the same name: the simulation stays out.
		{"view of that name", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\nDROP VIEW t_old;\n", "1, 2, 3"},
		// A name it cannot know: no verdict anywhere in the section.
		{"dynamic name", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\nDROP TABLE t_old;\n" +
			"DO $$ DECLARE v text; BEGIN EXECUTE format('DROP TABLE %I', v); END $$;\n", "1, 2, 3, 4"},
		// The columns of a table the section creates are those it lists.
		{"column of a rebuilt table", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (id int);\n" +
			"ALTER TABLE t ADD COLUMN note text;\nALTER TABLE t RENAME COLUMN id TO t_id;\nDROP TABLE t_old;\n", ""},
		{"column it already has", model.MySQL, "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note text;\n",
			"1 (table t already exists), 2 (column t.note already exists)"},
		{"column from elsewhere", model.Postgres, "ALTER TABLE t RENAME TO t_old;\nCREATE TABLE t (LIKE t_old);\n" +
			"ALTER TABLE t ADD COLUMN note text;\nDROP TABLE t_old;\n", "3"},
		// A cycle that does not end where it began leaves the heuristics
		// in charge of the statements that succeed on the second run.
		{"not converging", model.Postgres, "CREATE TABLE t_new (id int);\nALTER TABLE t RENAME TO t_old;\nALTER TABLE t_new RENAME TO t;\n",
			"1, 2 (table t_old already exists), 3 (table t already exists)"},
	}
	for _, c := range cases {
		if got := unsafe(t, c.d, c.src); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
