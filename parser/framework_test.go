package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// top returns the text of each top-level statement.
func top(s *model.Script) []string {
	var out []string
	for _, st := range s.Statements {
		out = append(out, string(s.Source[st.Span.Start:st.Span.End]))
	}
	return out
}

func errs(s *model.Script) []string {
	var out []string
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			p := s.Lines.Position(st.Err.Pos)
			out = append(out, fmt.Sprintf("%d:%d", p.Line, p.Column))
		}
	})
	return out
}

var dialects = []model.Dialect{model.Postgres, model.MySQL}

// A goose block is sent as one string: its last statement needs no
// semicolon and never runs on into the next block or section.
func TestGooseBlocksEndStatements(t *testing.T) {
	src := "-- +goose Up\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TABLE a (id int)\n" +
		"-- +goose StatementEnd\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TABLE b (id int)\n" +
		"-- +goose StatementEnd\n" +
		"CREATE TABLE c (id int);\n" +
		"-- +goose Down\n" +
		"-- +goose StatementBegin\n" +
		"DROP TABLE c\n" +
		"-- +goose StatementEnd\n"
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			s := Parse("0001_x.sql", []byte(src), Options{Dialect: d})
			if s.Framework != model.Goose {
				t.Fatalf("framework %s", s.Framework)
			}
			if e := errs(s); len(e) > 0 {
				t.Fatalf("errors at %v", e)
			}
			got := top(s)
			want := []string{"CREATE TABLE a (id int)", "CREATE TABLE b (id int)", "CREATE TABLE c (id int);", "DROP TABLE c"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Fatalf("statements %q, want %q", got, want)
			}
			if s.Statements[3].Section.Kind != model.SectionDown || s.Statements[2].Section.Kind != model.SectionUp {
				t.Error("statements filed under the wrong sections")
			}
		})
	}
}

// goose ends a statement outside a block only at a line ending in a
// semicolon: one still open at a section marker or the end of the file
// makes goose refuse the file; one open when a block begins is sent with
// the block, and the server refuses that.
func TestGooseUnterminated(t *testing.T) {
	cases := []struct {
		name, src string
		want      map[model.Dialect][]string // line:column of each error
	}{
		{"before Down and at the end",
			"-- +goose Up\nCREATE TABLE a (id int);\nCREATE TABLE b (id int)\n-- +goose Down\nDROP TABLE b\n",
			map[model.Dialect][]string{model.Postgres: {"3:24", "5:13"}, model.MySQL: {"3:24", "5:13"}}},
		{"terminated",
			"-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a; -- done\n",
			map[model.Dialect][]string{}},
		{"open when a block begins",
			"-- +goose Up\nCREATE TABLE a (id int)\n-- +goose StatementBegin\nCREATE TABLE b (id int);\n-- +goose StatementEnd\n",
			map[model.Dialect][]string{model.Postgres: {"4:1"}, model.MySQL: {"4:1"}}},
		{"several in one section, no semicolon",
			"-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE a\nDROP TABLE b\n",
			map[model.Dialect][]string{model.Postgres: {"5:1"}, model.MySQL: {"5:1"}}},
	}
	for _, c := range cases {
		for _, d := range dialects {
			t.Run(c.name+"/"+d.String(), func(t *testing.T) {
				s := Parse("x.sql", []byte(c.src), Options{Dialect: d})
				got := errs(s)
				if strings.Join(got, " ") != strings.Join(c.want[d], " ") {
					t.Fatalf("errors at %v, want %v", got, c.want[d])
				}
			})
		}
	}
}

// dbmate sends each section as one string; Liquibase each changeset.
func TestSectionMarkersEndStatements(t *testing.T) {
	cases := map[string]string{
		"dbmate":    "-- migrate:up\nCREATE TABLE a (id int)\n-- migrate:down\nDROP TABLE a\n",
		"liquibase": "--liquibase formatted sql\n--changeset x:1\nCREATE TABLE a (id int)\n--changeset x:2\nDROP TABLE a\n",
	}
	for name, src := range cases {
		for _, d := range dialects {
			t.Run(name+"/"+d.String(), func(t *testing.T) {
				s := Parse("x.sql", []byte(src), Options{Dialect: d})
				if e := errs(s); len(e) > 0 {
					t.Fatalf("errors at %v", e)
				}
				if got := top(s); strings.Join(got, "|") != "CREATE TABLE a (id int)|DROP TABLE a" {
					t.Fatalf("statements %q", got)
				}
				if s.Statements[0].Section == s.Statements[1].Section {
					t.Error("both statements in one section")
				}
			})
		}
	}
}

// Liquibase --rollback lines and /* liquibase rollback */ blocks are the
// changeset's down section; "not required" and "empty" are no SQL.
func TestLiquibaseRollback(t *testing.T) {
	src := "--liquibase formatted sql\n" +
		"--changeset x:1\n" + // line 2
		"CREATE TABLE a (id int);\n" +
		"--rollback DROP TABLE a;\n" + // 4
		"--changeset x:2\n" +
		"CREATE TABLE b (id int);\n" +
		"--rollback ALTER TABLE b\n" + // 7
		"--rollback   DROP COLUMN c;\n" +
		"CREATE TABLE d (id int);\n" + // 9: still the changeset's SQL
		"/* liquibase rollback\n" +
		"DROP TABLE b;\n" + // 11
		"*/\n" +
		"--changeset x:3\n" +
		"CREATE TABLE e (id int);\n" +
		"--rollback not required\n" +
		"--changeset x:4\n" +
		"CREATE TABLE f (id int);\n" +
		"--rollback SELECT 'never closed\n"
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			s := Parse("changelog.sql", []byte(src), Options{Dialect: d})
			if e := errs(s); len(e) > 0 {
				t.Fatalf("errors at %v", e)
			}
			type row struct {
				line    int
				kind    model.SectionKind
				section string
			}
			var got []row
			for _, st := range s.Statements {
				got = append(got, row{s.Lines.Line(st.Span.Start), st.Section.Kind, st.Section.Name})
			}
			want := []row{
				{3, model.SectionUp, "x:1"}, {4, model.SectionDown, "x:1"},
				{6, model.SectionUp, "x:2"}, {7, model.SectionDown, "x:2"}, {9, model.SectionUp, "x:2"}, {11, model.SectionDown, "x:2"},
				{14, model.SectionUp, "x:3"}, {17, model.SectionUp, "x:4"},
			}
			if len(got) != len(want) {
				t.Fatalf("statements %v, want %v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("statement %d: %v, want %v", i, got[i], want[i])
				}
			}
			var kinds []string
			for _, sec := range s.Sections {
				kinds = append(kinds, sec.Kind.String()+" "+sec.Name)
			}
			// x:3 says its rollback is not required; x:4's would run on
			// past its comment: neither has a down section.
			if g := strings.Join(kinds, ","); g != "up x:1,down x:1,up x:2,down x:2,up x:3,up x:4" {
				t.Errorf("sections %s", g)
			}
			// The rollback markup is comment text: nothing is left unread.
			if c := s.Text(s.Comments[2]); c != "--rollback " {
				t.Errorf("third comment %q, want the rollback markup", c)
			}
			// The original text is kept for messages and fixes.
			if string(s.Source) != src {
				t.Error("the script's source is not the file's")
			}
		})
	}
}

// Query files are recognised and skipped unless asked for; a migration
// with a "-- name:" comment is not one.
func TestQueryFiles(t *testing.T) {
	cases := []struct {
		name, path, src string
		skip            bool
	}{
		{"sqlc", "db/query/users.sql", "-- Users.\n\n-- name: GetUser :one\nSELECT * FROM users WHERE id = $1;\n", true},
		{"sqlc block comment", "q.sql", "/* name: GetUser :one */\nSELECT 1;\n", true},
		{"hugsql", "q.sql", "-- :name get-user :? :1\nSELECT 1;\n", true},
		{"yesql", "q.sql", "-- name: bump!\nUPDATE t SET n = n + 1;\n", true},
		{"name after a statement", "q.sql", "SELECT 1;\n-- name: x\nSELECT 2;\n", false},
		{"goose markers", "q.sql", "-- +goose Up\n-- name: x\nSELECT 1;\n", false},
		{"flyway name", "V1__init.sql", "-- name: x\nSELECT 1;\n", false},
		{"golang-migrate name", "1_init.up.sql", "-- name: x\nSELECT 1;\n", false},
		{"not at a line start", "q.sql", "SELECT 1; -- name: x\n", false},
		{"plain", "q.sql", "-- names: x\nSELECT 1;\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Parse(c.path, []byte(c.src), Options{Dialect: model.Postgres})
			if (s.Skipped != "") != c.skip {
				t.Fatalf("skipped %q, want skipped=%v", s.Skipped, c.skip)
			}
			if c.skip && len(s.Statements) != 0 {
				t.Error("a skipped file has statements")
			}
			if !c.skip && len(s.Statements) == 0 {
				t.Error("no statements")
			}
			l := Parse(c.path, []byte(c.src), Options{Dialect: model.Postgres, LintQueryFiles: true})
			if l.Skipped != "" || len(l.Statements) == 0 {
				t.Errorf("with LintQueryFiles: skipped %q, %d statements", l.Skipped, len(l.Statements))
			}
		})
	}
}
