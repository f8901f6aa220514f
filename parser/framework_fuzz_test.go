package parser

import (
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// FuzzFrameworkSplit: the framework splitter (goose sections and
// StatementBegin/StatementEnd blocks, dbmate sections, Liquibase
// changesets and rollback comments, query files) never crashes; its
// regions tile the file in order; the sections cover the text in order
// without overlap (a Liquibase down section lies inside its changeset);
// every top-level statement lies in one region and in its own section;
// every position stays in bounds.
func FuzzFrameworkSplit(f *testing.F) {
	seeds := []string{
		"-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int)\n-- +goose StatementEnd\n-- +goose StatementBegin\nCREATE TABLE b (id int)\n-- +goose StatementEnd\n-- +goose Down\nDROP TABLE b\n",
		"-- +goose Up\nCREATE TABLE a (id int)\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n-- +goose StatementEnd\n-- +goose NO TRANSACTION\n",
		"-- +goose Up\n-- +goose StatementBegin\nCREATE PROCEDURE p() BEGIN SELECT 1; END\n-- +goose StatementEnd\n-- +goose StatementEnd\n-- +goose Down\n-- +goose StatementBegin\nSELECT '\n",
		"-- migrate:up\nCREATE TABLE a (id int)\n-- migrate:down transaction:false\nDROP TABLE a\n-- migrate:up\n",
		"--liquibase formatted sql\n--changeset a:1 endDelimiter:/ rollbackEndDelimiter:GO\nCREATE TABLE a (id int)\n/\n--rollback DROP TABLE a\n--rollback GO\n--changeset a:2\nSELECT 1\n",
		"--liquibase formatted sql\n--changeset a:1\nCREATE TABLE a (id int);\n--rollback ALTER TABLE a\nSELECT 2;\n--rollback   DROP COLUMN b;\n/* liquibase rollback\nDROP TABLE a;\n*/\n--rollback not required\n",
		"--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n--rollback SELECT 'open\n--changeset a:2\n--rollback SELECT $$\n/* liquibase rollback\nSELECT /* \n*/\n--rollback COPY t FROM stdin;\n--changeset a:3\nx\n",
		"-- name: GetUser :one\nSELECT * FROM users WHERE id = $1;\n-- name: Bump :exec\nUPDATE users SET n = n + 1;\n",
		"-- :name get-user :? :1\nSELECT 1;\n",
		"SELECT 1;\n-- name: x\nSELECT 2;\n",
	}
	for _, s := range seeds {
		for d := uint8(0); d < 3; d++ {
			f.Add([]byte(s), d, uint8(0))
		}
	}
	f.Add([]byte(seeds[0]), uint8(0), uint8(2))
	f.Add([]byte(seeds[4]), uint8(1), uint8(3))
	f.Add([]byte(seeds[7]), uint8(0), uint8(4))
	f.Fuzz(func(t *testing.T, src []byte, d, fw uint8) {
		dialect := []model.Dialect{model.Postgres, model.MySQL, model.MariaDB}[d%3]
		framework := []model.Framework{model.FrameworkNone, model.Goose, model.Dbmate, model.Liquibase}[fw%4]
		opt := Options{Dialect: dialect, Framework: framework, LintQueryFiles: fw&4 != 0}
		s := Parse("fuzz.sql", src, opt)
		if s.Crash != "" {
			t.Fatal(s.Crash)
		}
		n := len(src)
		if s.Skipped != "" {
			if opt.LintQueryFiles || len(s.Statements) > 0 {
				t.Fatalf("skipped (%s) with %d statements, LintQueryFiles %v", s.Skipped, len(s.Statements), opt.LintQueryFiles)
			}
			return
		}

		// The layout the parse used, worked out again from the file.
		probe := &model.Script{Path: s.Path, Source: src, Dialect: dialect}
		if masked := maskPlaceholders(src); masked != nil {
			probe.Source = masked
		}
		tokenize(probe)
		l := detectLayout(probe.Path, probe.Source, probe.Comments, framework)
		at := 0
		for _, r := range l.regions {
			if r.Span.Start != at || r.Span.End < r.Span.Start || r.Span.End > n {
				t.Fatalf("region %v does not follow %d (len %d)", r.Span, at, n)
			}
			at = r.Span.End
		}
		if len(l.regions) > 0 && at != n {
			t.Fatalf("regions end at %d, the file at %d", at, n)
		}
		region := func(off int) int {
			for i, r := range l.regions {
				if off >= r.Span.Start && off < r.Span.End {
					return i
				}
			}
			return -1
		}

		// Sections: the top-level ones tile the text from the first one
		// on, and only Liquibase leaves text before the first; a down
		// section of Liquibase lies within its changeset.
		var main []*model.Section
		for i, sec := range s.Sections {
			if !sec.Span.Valid() || sec.Span.End > n {
				t.Fatalf("section %v out of bounds (len %d)", sec.Span, n)
			}
			if s.Framework == model.Liquibase && sec.Kind == model.SectionDown {
				if i == 0 || !s.Sections[i-1].Span.Contains(sec.Span) || s.Sections[i-1].Name != sec.Name {
					t.Fatalf("down section %s %v is not within its changeset", sec.Name, sec.Span)
				}
				continue
			}
			main = append(main, sec)
		}
		if len(main) == 0 {
			t.Fatal("no section")
		}
		if main[0].Span.Start != 0 && s.Framework != model.Liquibase {
			t.Fatalf("the first section starts at %d", main[0].Span.Start)
		}
		for i := 1; i < len(main); i++ {
			if main[i].Span.Start != main[i-1].Span.End {
				t.Fatalf("section %v does not follow %v", main[i].Span, main[i-1].Span)
			}
		}
		if last := main[len(main)-1]; last.Span.End != n {
			t.Fatalf("sections end at %d, the file at %d", last.Span.End, n)
		}

		// Statements: in order, without overlap, each in one region and
		// in its section.
		prev := 0
		for _, st := range s.Statements {
			if st.Span.Start < prev || st.Span.End > n || st.Span.Start > st.Span.End {
				t.Fatalf("statement %v out of order or bounds (after %d, len %d)", st.Span, prev, n)
			}
			prev = st.Span.End
			if st.Section == nil {
				t.Fatalf("statement %v has no section", st.Span)
			}
			if st.Span.Start >= main[0].Span.Start && !st.Section.Span.Contains(st.Span) && st.Tag != `\copy` {
				t.Fatalf("statement %v outside its section %v", st.Span, st.Section.Span)
			}
			if len(l.regions) > 0 && st.Span.End > st.Span.Start && region(st.Span.Start) != region(st.Span.End-1) {
				t.Fatalf("statement %v runs from region %d into %d", st.Span, region(st.Span.Start), region(st.Span.End-1))
			}
		}
		s.Walk(func(st *model.Statement) {
			if st.Err != nil && (st.Err.Pos < 0 || st.Err.Pos > n) {
				t.Fatalf("error position %d out of bounds (len %d)", st.Err.Pos, n)
			}
		})
		for i, c := range s.Comments {
			if !c.Valid() || c.End > n || i > 0 && c.Start < s.Comments[i-1].Start {
				t.Fatalf("comment %v out of order or bounds", c)
			}
		}
	})
}
