package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

func parse(src string) *model.Script {
	return parser.Parse("m.sql", []byte(src), parser.Options{Dialect: model.Postgres})
}

func pos(s *model.Script, off int) string {
	p := s.Lines.Position(off)
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// TestStatementSpans: a statement starts at its first keyword, never at
// the comment before it, and ends with its semicolon.
func TestStatementSpans(t *testing.T) {
	s := parse("-- a comment\n/* another */  CREATE TABLE t (id int);\n\n  SELECT 1 ;\nSELECT 2")
	var got []string
	for _, st := range s.Statements {
		got = append(got, pos(s, st.Span.Start)+"-"+pos(s, st.Span.End)+" "+s.Text(st.Span))
	}
	want := []string{"2:16-2:40 CREATE TABLE t (id int);", "4:3-4:13 SELECT 1 ;", "5:1-5:9 SELECT 2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n got %q\nwant %q", got, want)
	}
}

// TestEffectSpans: each effect points at its own clause.
func TestEffectSpans(t *testing.T) {
	src := "ALTER TABLE orders\n    ALTER COLUMN a TYPE int,\n    ADD COLUMN b text,\n    DROP CONSTRAINT c;\n" +
		"CREATE UNIQUE INDEX CONCURRENTLY idx ON t (a);\nDROP TABLE x, y CASCADE;\nINSERT INTO public.t (a) VALUES (1);\n" +
		"UPDATE t SET n = n + 1, m = 2 WHERE id = 3;\n"
	s := parse(src)
	var got []string
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			got = append(got, fmt.Sprintf("%s %s %s %q", pos(s, e.Span.Start), e.Action, e.Object.Qualified(), s.Text(e.Span)))
			if e.SelfRef != "" {
				got = append(got, fmt.Sprintf("  selfref %s %q", pos(s, e.SelfRefSpan.Start), s.Text(e.SelfRefSpan)))
			}
		}
	})
	want := []string{
		`3:5 add orders.b "ADD COLUMN b text"`,
		`4:5 drop orders.c "DROP CONSTRAINT c"`,
		`5:1 create t.idx "CREATE UNIQUE INDEX CONCURRENTLY idx"`,
		`6:1 drop x "DROP TABLE x"`,
		`6:15 drop y "y CASCADE"`,
		`7:1 insert public.t "INSERT INTO public.t"`,
		`8:1 update t "UPDATE t"`,
		`  selfref 8:14 "n = n + 1"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("effects:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSyntaxErrorPosition: the error sits at the token the parser stopped
// at, counted in characters, with multi-byte text before it.
func TestSyntaxErrorPosition(t *testing.T) {
	s := parse("SELECT 'héllo';\n-- café ☕\nALTER TABLE t ADD COLUMN ;\nSELECT 2;\n")
	var errs []string
	n := 0
	s.Walk(func(st *model.Statement) {
		n++
		if st.Err != nil {
			errs = append(errs, pos(s, st.Err.Pos)+" "+st.Err.Message)
		}
	})
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "3:26 ") {
		t.Errorf("errors = %q, want one at 3:26", errs)
	}
	if n != 3 {
		t.Errorf("statements = %d, want 3 (parsing goes on after the error)", n)
	}
}

// TestErrorsAllThrough: a file with bad statements spread through it,
// alone and in runs, between long runs of good ones (the shape of a
// regression script). Every statement comes out once, in order, on its
// own line, and exactly the bad ones are syntax errors.
func TestErrorsAllThrough(t *testing.T) {
	var want []string
	for i := range 400 {
		want = append(want, fmt.Sprintf("%d:%v", i+1, badAt(i, 400)))
	}
	s := parse(errorsAllThrough(400))
	var got []string
	s.Walk(func(st *model.Statement) {
		got = append(got, fmt.Sprintf("%d:%v", s.Lines.Position(st.Span.Start).Line, st.Err != nil))
	})
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("statements (line:bad):\n got %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

// badAt picks the misspelled statements of errorsAllThrough(n): single
// ones, runs of three, and the last nine.
func badAt(i, n int) bool { return i%37 == 5 || i%101 < 3 || i >= n-9 }

// errorsAllThrough is n statements, the ones badAt picks misspelled.
func errorsAllThrough(n int) string {
	var b strings.Builder
	for i := range n {
		if badAt(i, n) {
			fmt.Fprintf(&b, "SELEC %d;\n", i)
		} else {
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN c int;\n", i)
		}
	}
	return b.String()
}

// BenchmarkErrorsAllThrough: errors spread through a file cost time in
// proportion to its size (ns/op grows 4x from each size to the next).
func BenchmarkErrorsAllThrough(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		src := []byte(errorsAllThrough(n))
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				parser.Parse("m.sql", src, parser.Options{Dialect: model.Postgres})
			}
		})
	}
}

// TestNestedPositions: SQL inside DO bodies, plain-string bodies with
// doubled quotes, and EXECUTE literals points at the file's own text.
func TestNestedPositions(t *testing.T) {
	src := "DO $x$\nBEGIN\n  ALTER TABLE a ADD COLUMN b int;\nEND $x$;\n" +
		"DO 'BEGIN\n  INSERT INTO t VALUES (''it''''s'');\n  ALTER TABLE a ADD COLUMN c int;\nEND';\n" +
		"DO $$ BEGIN EXECUTE 'ALTER TABLE a ADD COLUMN d int'; END $$;\n"
	s := parse(src)
	var got []string
	s.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			if e.Action == model.ActAdd {
				got = append(got, pos(s, e.Span.Start)+" "+s.Text(e.Span))
			}
		}
	})
	want := []string{"3:17 ADD COLUMN b int", "7:17 ADD COLUMN c int", "9:36 ADD COLUMN d int"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("nested:\n got %q\nwant %q", got, want)
	}
}

// TestFrameworks: sections, directions and transaction modes.
func TestFrameworks(t *testing.T) {
	cases := []struct {
		path, src string
		want      string
	}{
		{"1_x.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", "goose up:tx down:tx"},
		{"1_x.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n", "goose up:notx"},
		{"1_x.sql", "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;\n", "dbmate up:notx down:tx"},
		{"0001_x.up.sql", "SELECT 1;\nSELECT 2;\n", "golang-migrate up:tx"},
		{"0001_x.up.sql", "SELECT 1;\n", "golang-migrate up:notx"},
		{"0001_x.down.sql", "SELECT 1;\nSELECT 2;\n", "golang-migrate down:tx"},
		{"0001_x.up.sql", "-- no-transaction\nSELECT 1;\nSELECT 2;\n", "sqlx up:notx"},
		{"V2__add.sql", "SELECT 1;\nSELECT 2;\n", "flyway up:tx"},
		{"U2__add.sql", "SELECT 1;\nSELECT 2;\n", "flyway down:tx"},
		{"R__views.sql", "SELECT 1;\nSELECT 2;\n", "flyway up:tx:repeatable"},
		{"2020-01-01-000000_x/up.sql", "SELECT 1;\n", "diesel up:tx"},
		{"2020-01-01-000000_x/down.sql", "SELECT 1;\n", "diesel down:tx"},
		{"20240101_x/migration.sql", "SELECT 1;\nSELECT 2;\n", "prisma up:tx"},
		{"changelog.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n--changeset a:2 runInTransaction:false runAlways:true\nSELECT 2;\n", "liquibase up:tx up:notx:repeatable"},
		{"deploy/add.sql", "BEGIN;\nSELECT 1;\nCOMMIT;\n", "sqitch up:notx"},
		{"plain.sql", "SELECT 1;\n", "plain whole:notx"},
	}
	for _, c := range cases {
		s := parser.Parse(c.path, []byte(c.src), parser.Options{Dialect: model.Postgres})
		parts := []string{string(s.Framework)}
		for _, sec := range s.Sections {
			p := sec.Kind.String()
			if sec.InTransaction {
				p += ":tx"
			} else {
				p += ":notx"
			}
			if sec.Repeatable {
				p += ":repeatable"
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, " "); got != c.want {
			t.Errorf("%s: got %q, want %q", c.path, got, c.want)
		}
	}
}

// TestDialectInference: path hints first, then content.
func TestDialectInference(t *testing.T) {
	cases := []struct {
		path, src string
		want      model.Dialect
	}{
		{"db/postgres/001.sql", "SELECT 1;", model.Postgres},
		{"db/mysql/001.sql", "SELECT 1;", model.MySQL},
		{"db/001.mysql.up.sql", "SELECT 1;", model.MySQL},
		{"db/001.sql.postgres", "SELECT 1;", model.Postgres},
		{"migrations-mariadb/1.sql", "SELECT 1;", model.MariaDB},
		{"m/1.sql", "DO $$ BEGIN NULL; END $$;", model.Postgres},
		{"m/1.sql", "SELECT '1'::int;", model.Postgres},
		{"m/1.sql", "CREATE TABLE `t` (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;", model.MySQL},
		{"m/1.sql", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\n", model.MySQL},
	}
	for _, c := range cases {
		d, why, ok := parser.InferDialect(c.path, []byte(c.src))
		if !ok || d != c.want {
			t.Errorf("%s %q: got %v (%s, %v), want %v", c.path, c.src, d, why, ok, c.want)
		}
	}
	if _, _, ok := parser.InferDialect("m/1.sql", []byte("CREATE TABLE t (id int);")); ok {
		t.Error("a file without hints must be reported as undecided")
	}
	s := parser.Parse("m/1.sql", []byte("CREATE TABLE t (id int);"), parser.Options{})
	if !s.DialectGuessed {
		t.Error("a fallback dialect must be marked as guessed")
	}
}
