package parser

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres"
)

// FuzzParse: no input may crash the parser, and every span it reports
// stays inside the source and in order.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"CREATE TABLE t (id int);",
		"ALTER TABLE t ADD COLUMN c int, DROP COLUMN d;",
		"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'x') THEN CREATE TYPE x AS ENUM ('a'); END IF; END $$;",
		"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END';",
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
		"-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n-- +goose Down\n",
		"--liquibase formatted sql\n--changeset a:1\n--preconditions onFail:MARK_RAN\n--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM t\nSELECT 1;",
		"DELIMITER $$\nCREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; END $$\nDELIMITER ;\n",
		"SET @s = IF((SELECT COUNT(*) FROM information_schema.columns WHERE column_name = 'c') = 0, 'ALTER TABLE t ADD c int', 'SELECT 1');",
		"SELECT 'unterminated",
		"/* unterminated",
		"/* nested /* */ still open",
		"-- c\rALTER TABLE t ADD COLUMN c int;\r",
		"SELECT 1;\rSELECT 2;\r# c\rSELECT 3;",
		"/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */; /*M!100500 SELECT 1 */",
		"SELECT 1; /*!50000 SELECT 2",
		"$$",
		"{{ .X }}.t ${y}",
		// psql scripts: meta-commands, COPY data that looks like SQL, a
		// \copy that reads rows, data left open at the end.
		"\\set ON_ERROR_STOP on\nCOPY t (a) FROM stdin; SELECT 1;\nit's /* x\n\\.\r\n\\copy t from stdin\nDROP TABLE t;\n\\.\nSELECT 2; \\echo x\nCOPY t FROM STDIN;\n$$",
		"DO $$ BEGIN IF true THEN NULL; END IFF; END $$;",
	}
	// Deeply nested text, around the nesting bound and far past it (where
	// libpg_query used to crash the process), so that the fuzzer reaches
	// the C parsers with deep inputs.
	for _, k := range []int{postgres.MaxDepth, postgres.MaxDepth + 1, 25000} {
		seeds = append(seeds,
			"SELECT 1"+strings.Repeat(" + 1", k)+";",
			"SELECT "+strings.Repeat("(", k)+"1"+strings.Repeat(")", k)+";",
			"SELECT 1"+strings.Repeat("::int", k)+";",
			"SELECT 1 FROM t"+strings.Repeat(" JOIN t ON true", k)+";",
			"SELECT 1"+strings.Repeat(" UNION SELECT 1", k)+";",
			"SELECT "+strings.Repeat("CASE WHEN true THEN ", k)+"1"+strings.Repeat(" END", k)+";",
			"DO $$ "+strings.Repeat("BEGIN ", k)+"NULL;"+strings.Repeat(" END;", k)+" $$;",
			"DO $$ BEGIN EXECUTE 'SELECT 1"+strings.Repeat(" + 1", k)+"'; END $$;",
			"--liquibase formatted sql\n--changeset a:1\n--precondition-sql-check expectedResult:0 SELECT 1"+strings.Repeat(" + 1", k)+"\nSELECT 1;",
		)
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, src []byte, d uint8) {
		dialect := model.Postgres
		if d%2 == 1 {
			dialect = model.MySQL
		}
		s := Parse("fuzz.sql", src, Options{Dialect: dialect})
		if s.Crash != "" {
			t.Fatal(s.Crash)
		}
		prev := 0
		for _, st := range s.Statements {
			if st.Span.Start < prev || st.Span.End > len(src) || st.Span.Start > st.Span.End {
				t.Fatalf("statement span %v out of order or bounds (len %d)", st.Span, len(src))
			}
			prev = st.Span.Start
		}
		s.Walk(func(st *model.Statement) {
			for _, e := range st.Effects {
				if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
					t.Fatalf("effect span %v out of bounds (len %d)", e.Span, len(src))
				}
			}
			if st.Err != nil && (st.Err.Pos < 0 || st.Err.Pos > len(src)) {
				t.Fatalf("error position %d out of bounds", st.Err.Pos)
			}
		})
	})
}
