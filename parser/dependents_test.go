package parser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// blocked lists the DROPs a second run finds blocked, each as "line by
// line": the DROP's line and the line of the statement that made what
// blocks it.
func blocked(src string) string {
	s := parser.Parse("m.sql", []byte(src), parser.Options{Dialect: model.Postgres})
	var out []string
	s.Walk(func(st *model.Statement) {
		for _, b := range st.Blocks {
			out = append(out, fmt.Sprintf("%d by %d", s.Lines.Line(b.Span.Start), s.Lines.Line(b.By.Span.Start)))
		}
	})
	return strings.Join(out, ", ")
}

// TestBlockedDrops: the dependency analysis names the DROPs a dependent
// made further on blocks, and stays out of what it cannot be sure of.
func TestBlockedDrops(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"view chain", "DROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\nDROP VIEW IF EXISTS b;\nCREATE VIEW b AS SELECT x FROM a;\nCREATE VIEW c AS SELECT x FROM b;\n",
			"1 by 4, 3 by 5"},
		{"dropped in reverse", "DROP VIEW IF EXISTS b;\nDROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\nCREATE VIEW b AS SELECT x FROM a;\n", ""},
		{"cascade drops views, not tables", "DROP TABLE IF EXISTS p CASCADE;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE OR REPLACE VIEW v AS SELECT id FROM p;\nCREATE TABLE IF NOT EXISTS c (p_id int REFERENCES p);\n", ""},
		{"one statement drops both", "DROP TABLE IF EXISTS c, p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\n", ""},
		{"dependent dropped at the end", "DROP TABLE IF EXISTS p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\nDROP TABLE c;\n", ""},
		{"unnamed foreign key, then a named drop", "DROP TABLE IF EXISTS p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS c (p_id int);\nALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p;\nALTER TABLE c DROP CONSTRAINT IF EXISTS c_p_id_fkey;\n", ""},
		{"named foreign key dropped", "DROP TABLE IF EXISTS p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS c (p_id int);\nALTER TABLE c ADD CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p;\nALTER TABLE c DROP CONSTRAINT c_p;\n", ""},
		{"added column of the type", "DROP TYPE IF EXISTS mood;\nCREATE TYPE mood AS ENUM ('a');\nALTER TABLE t ADD COLUMN IF NOT EXISTS m mood;\n", "1 by 3"},
		{"column dropped again", "DROP TYPE IF EXISTS mood;\nCREATE TYPE mood AS ENUM ('a');\nALTER TABLE t ADD COLUMN IF NOT EXISTS m mood;\nALTER TABLE t DROP COLUMN m;\n", ""},
		{"renamed dependent", "DROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\nCREATE VIEW b AS SELECT x FROM a;\nALTER VIEW b RENAME TO b2;\n", ""},
		// Made under a condition: not followed, whatever the condition.
		{"made in a DO block", "DROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\nDO $$ BEGIN IF true THEN CREATE VIEW b AS SELECT x FROM a; END IF; END $$;\n", ""},
		{"drop in a DO block", "DO $$ BEGIN DROP VIEW IF EXISTS a; END $$;\nCREATE VIEW a AS SELECT 1 AS x;\nCREATE VIEW b AS SELECT x FROM a;\n", ""},
		{"first run already blocked", "CREATE VIEW b AS SELECT x FROM a;\nDROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\n", ""},
		{"trigger dropped first", "DROP TRIGGER IF EXISTS s ON t;\nDROP FUNCTION IF EXISTS f();\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE TRIGGER s BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\n", ""},
		{"another function of the same name", "DROP FUNCTION IF EXISTS f(int);\nCREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE OR REPLACE TRIGGER s BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\n", ""},
		{"the function by name alone", "DROP FUNCTION IF EXISTS f;\nCREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE OR REPLACE TRIGGER s BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\n", "1 by 3"},
		{"table with the trigger dropped", "DROP FUNCTION IF EXISTS f();\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE TABLE IF NOT EXISTS t (id int);\nCREATE TRIGGER s BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\nDROP TABLE t;\n", ""},
		{"type change, bare column of one table", "ALTER TABLE t ALTER COLUMN c TYPE text;\nCREATE OR REPLACE VIEW v AS SELECT c FROM t;\n", "1 by 2"},
		{"type change, star", "ALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT * FROM t;\n", "1 by 3"},
		{"type change, other column", "ALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT d FROM t;\n", ""},
		{"type change, bare name of two tables", "ALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT c FROM t, u;\n", ""},
		{"type change, view dropped first", "DROP VIEW IF EXISTS v;\nALTER TABLE t ALTER COLUMN c TYPE text;\nCREATE VIEW v AS SELECT c FROM t;\n", ""},
		{"dropped column a view reads, added again", "ALTER TABLE t DROP COLUMN IF EXISTS c;\nALTER TABLE t ADD COLUMN c int;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT t.c FROM t;\n", "1 by 4"},
		{"a star made after the column was dropped", "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t ADD COLUMN IF NOT EXISTS d int;\nCREATE OR REPLACE VIEW v AS SELECT * FROM t;\n", ""},
		{"a rename the second run cannot do changes nothing", "ALTER TABLE t RENAME COLUMN a TO c;\nALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW v;\nCREATE VIEW v AS SELECT c FROM t;\n", "2 by 4"},
		{"a name nothing depends on", "DROP VIEW IF EXISTS a;\nCREATE VIEW a AS SELECT 1 AS x;\nCREATE VIEW b AS WITH a AS (SELECT 2 AS x) SELECT x FROM a;\n", ""},
	}
	for _, c := range cases {
		if got := blocked(c.src); got != c.want {
			t.Errorf("%s: blocked %q, want %q", c.name, got, c.want)
		}
	}
}

// TestBlockedDropsBound: a file that drops one name many times under many
// dependents stops the check at its bound, with a note, not in quadratic
// time.
func TestBlockedDropsBound(t *testing.T) {
	var b strings.Builder
	for range 600 {
		b.WriteString("DROP TABLE IF EXISTS t;\n")
	}
	b.WriteString("CREATE TABLE t (id int);\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "CREATE OR REPLACE VIEW v%d AS SELECT id FROM t;\n", i)
	}
	s := parser.Parse("m.sql", []byte(b.String()), parser.Options{Dialect: model.Postgres})
	noted := false
	for _, n := range s.Notes {
		noted = noted || strings.Contains(n.Text, "stopped here")
	}
	if !noted {
		t.Error("no note says the check stopped")
	}
	s.Walk(func(st *model.Statement) {
		for _, b := range st.Blocks {
			t.Fatalf("a DROP at %d is judged blocked past the bound", s.Lines.Line(b.Span.Start))
		}
	})
	// Under the bound, the same shape is judged.
	if got := blocked("DROP TABLE IF EXISTS t;\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);\nCREATE OR REPLACE VIEW v AS SELECT id FROM t;\n"); got != "1 by 4, 2 by 4" {
		t.Errorf("blocked %q", got)
	}
}
