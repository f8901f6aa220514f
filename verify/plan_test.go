package verify

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// describe renders a plan as "tx: stmt | stmt; notx: stmt" for tests.
func describe(units []Unit) string {
	var parts []string
	for _, u := range units {
		var stmts []string
		for _, s := range u.Stmts {
			stmts = append(stmts, s.Text)
		}
		mode := "notx"
		if u.InTx {
			mode = "tx"
		}
		parts = append(parts, mode+": "+strings.Join(stmts, " | "))
	}
	return strings.Join(parts, "; ")
}

func TestPlan(t *testing.T) {
	cases := []struct {
		name, path, sql string
		dialect         model.Dialect
		want            string
	}{
		{"goose", "001_x.sql", "-- +goose Up\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n-- +goose Down\nDROP TABLE a;\n",
			model.Postgres, "tx: CREATE TABLE a (id int) | INSERT INTO a VALUES (1)"},
		{"goose no transaction", "001_x.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON a (id);\n",
			model.Postgres, "notx: CREATE INDEX CONCURRENTLY i ON a (id)"},
		{"goose statement block", "001_x.sql", "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n-- +goose StatementEnd\n",
			model.Postgres, "tx: CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"},
		{"dbmate transaction:false", "20200101_x.sql", "-- migrate:up transaction:false\nALTER TYPE e ADD VALUE 'x';\n-- migrate:down\nSELECT 1;\n",
			model.Postgres, "notx: ALTER TYPE e ADD VALUE 'x'"},
		{"golang-migrate: one statement runs alone", "1_x.up.sql", "CREATE INDEX CONCURRENTLY i ON a (id);\n",
			model.Postgres, "notx: CREATE INDEX CONCURRENTLY i ON a (id)"},
		{"golang-migrate: several form one implicit transaction", "1_x.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n",
			model.Postgres, "tx: CREATE TABLE a (id int) | CREATE TABLE b (id int)"},
		{"plain file, comments kept inside, trailing comment not sent", "x.sql", "-- lead\nSELECT 1; -- after\nSELECT 'a;';\n",
			model.Postgres, "notx: SELECT 1 | SELECT 'a;'"},
		{"mysql: DELIMITER, each statement alone", "V1__x.sql", "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND $$\nDELIMITER ;\nCALL p();\n",
			model.MariaDB, "notx: CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND | CALL p()"},
		{"mysql: goose transaction does not apply", "001_x.sql", "-- +goose Up\nALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n",
			model.MySQL, "notx: ALTER TABLE t ADD COLUMN a int | ALTER TABLE t ADD COLUMN b int"},
		{"mysql: // delimiter", "x.sql", "DELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END//\nDELIMITER ;\n",
			model.MariaDB, "notx: CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END"},
		{"liquibase changesets with endDelimiter", "changelog.sql", "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n--changeset a:2 endDelimiter:/ runInTransaction:false\nCREATE VIEW v AS SELECT 1\n/\n",
			model.Postgres, "tx: CREATE TABLE t (id int); notx: CREATE VIEW v AS SELECT 1"},
		{"down file has nothing to run", "1_x.down.sql", "DROP TABLE a;\n", model.Postgres, ""},
	}
	for _, c := range cases {
		s := parser.Parse(c.path, []byte(c.sql), parser.Options{Dialect: c.dialect})
		if got := describe(Plan(s)); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestPlanSpans: every statement keeps its place in the file, and the
// text sent is the start of that place.
func TestPlanSpans(t *testing.T) {
	src := "-- +goose Up\n-- one\nCREATE TABLE a (id int);\n\nINSERT INTO a\n  VALUES (1);\n"
	s := parser.Parse("001_x.sql", []byte(src), parser.Options{Dialect: model.Postgres})
	plan := Plan(s)
	var got []string
	for _, u := range plan {
		for _, st := range u.Stmts {
			if !strings.HasPrefix(s.Text(st.Span), st.Text) {
				t.Errorf("text %q is not the start of span %q", st.Text, s.Text(st.Span))
			}
			got = append(got, fmt.Sprint(s.Lines.Position(st.Span.Start).Line))
		}
	}
	if want := []string{"3", "5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
}

// TestPlanCopyData: the rows after a psql COPY ... FROM stdin (or \copy
// ... from stdin) are the statement's COPY data, up to the "\." line or
// the end of the file; none is ever sent as SQL, and the SQL after the
// rows is.
func TestPlanCopyData(t *testing.T) {
	for _, c := range []struct {
		name, sql string
		want      []string // "text" or "text <- data"
	}{
		{"copy", "CREATE TABLE t (a text);\nCOPY t (a) FROM stdin;\n1\nDROP TABLE t;\n\\.\nSELECT 1;\n",
			[]string{"CREATE TABLE t (a text)", "COPY t (a) FROM stdin <- \"1\\nDROP TABLE t;\\n\"", "SELECT 1"}},
		{"psql \\copy", "CREATE TABLE t (a text);\n\\copy t (a) from stdin\nx\n\\.\nSELECT 2;\n",
			[]string{"CREATE TABLE t (a text)", "COPY t (a) from stdin <- \"x\\n\"", "SELECT 2"}},
		{"to the end of the file", "COPY t FROM STDIN;\nINSERT INTO t VALUES (1);\n",
			[]string{"COPY t FROM STDIN <- \"INSERT INTO t VALUES (1);\\n\""}},
		{"no rows", "COPY t FROM stdin;\n\\.\nSELECT 3;\n",
			[]string{"COPY t FROM stdin <- \"\"", "SELECT 3"}},
		{"crlf", "COPY t FROM stdin;\r\n1\r\n\\.\r\nSELECT 4;\r\n",
			[]string{"COPY t FROM stdin <- \"1\\r\\n\"", "SELECT 4"}},
		{"two blocks", "COPY a FROM stdin;\n1\n\\.\nCOPY b FROM stdin;\n2\n\\.\n",
			[]string{"COPY a FROM stdin <- \"1\\n\"", "COPY b FROM stdin <- \"2\\n\""}},
	} {
		s := parser.Parse("1_x.sql", []byte(c.sql), parser.Options{Dialect: model.Postgres})
		var got []string
		for _, u := range Plan(s) {
			for _, st := range u.Stmts {
				g := st.Text
				if st.Data != nil {
					g += fmt.Sprintf(" <- %q", st.Data)
				}
				got = append(got, g)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: plan\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}
