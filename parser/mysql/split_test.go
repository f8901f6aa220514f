package mysql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

func script(src string, d model.Dialect) *model.Script {
	b := []byte(src)
	return &model.Script{Path: "x.sql", Dialect: d, Source: b, Lines: model.NewLines(b)}
}

// parse runs the adapter over src as the parser package would.
func parse(t testing.TB, src string, d model.Dialect, regions ...model.Region) *model.Script {
	t.Helper()
	s := script(src, d)
	Parse(s, lex.Tokenize(s.Source, LexMode(model.DefaultTarget(d))), regions)
	return s
}

// at renders an offset as line:column.
func at(s *model.Script, off int) string {
	p := s.Lines.Position(off)
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

func spanOf(s *model.Script, sp model.Span) string {
	return at(s, sp.Start) + "-" + at(s, sp.End)
}

func spans(s *model.Script, list []*model.Statement) []string {
	out := []string{}
	for _, st := range list {
		out = append(out, spanOf(s, st.Span))
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"two statements", "SELECT 1;\nSELECT 2;", []string{"1:1-1:10", "2:1-2:10"}},
		{"leading comments are not part of the statement", "-- hi\n/* x */ SELECT 1;", []string{"2:9-2:18"}},
		{"last statement without terminator", "SELECT 1;\nSELECT 2  \n", []string{"1:1-1:10", "2:1-2:9"}},
		{"empty statements", ";;\n-- c\n;\n# d\n", []string{}},
		{"executable comment is a statement, markers included", "/*!40101 SET NAMES utf8 */;\nSELECT 1;", []string{"1:1-1:28", "2:1-2:10"}},
		{"version comment newer than the server is a comment", "/*!90000 SET NAMES utf8 */;\nSELECT 1;", []string{"2:1-2:10"}},
		{"a lone CR does not end a dash comment", "-- c\rSELECT 1;\nSELECT 2;", []string{"3:1-3:10"}},
		{"a lone CR does not end a hash comment", "# c\rSELECT 1;\nSELECT 2;", []string{"3:1-3:10"}},
		{"dash comment needs a space", "SELECT 1--1;\nSELECT 2;", []string{"1:1-1:13", "2:1-2:10"}},
		{"delimiter $$", "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND$$\nDELIMITER ;\nCALL p();",
			[]string{"2:1-5:6", "7:1-7:10"}},
		{"delimiter //", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\nSELECT 2;",
			[]string{"2:1-2:44", "4:1-4:10"}},
		{"delimiter ;;", "delimiter ;;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END;;\ndelimiter ;\n",
			[]string{"2:1-2:76"}},
		{"delimiter $", "DELIMITER $\nDROP PROCEDURE IF EXISTS p$\nDELIMITER ;", []string{"2:1-2:28"}},
		{"quoted delimiter", "delimiter '//'\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\ndelimiter ;\nSELECT 2;", []string{"2:1-2:43", "4:1-4:10"}},
		{"delimiter inside quotes and comments", "DELIMITER $$\nSELECT '$$', \"$$\", `a$$` -- $$\n/* $$ */ FROM t$$",
			[]string{"2:1-3:18"}},
		{"two statements before a custom delimiter", "DELIMITER $$\nSELECT 1; SELECT 2$$\n",
			[]string{"2:1-2:10", "2:11-2:21"}},
		{"delimiter glued to the next statement", "DELIMITER $$\nSELECT 1$$SELECT 2$$", []string{"2:1-2:11", "2:11-2:21"}},
		{"routine kept whole with semicolons", strings.Join([]string{
			"CREATE PROCEDURE p()",
			"BEGIN",
			"  DECLARE x INT DEFAULT 0;",
			"  lbl: LOOP",
			"    SET x = x + 1;",
			"    IF x > 3 THEN LEAVE lbl; END IF;",
			"  END LOOP lbl;",
			"  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN SELECT 2; END; END CASE;",
			"  SET x = CASE WHEN x > 1 THEN IF(x > 2, 1, 2) ELSE IF(x < 0, 3, 4) END;",
			"  WHILE x > 0 DO SET x = x - 1; END WHILE;",
			"  REPEAT SET x = x + 1; UNTIL x > 5 END REPEAT;",
			"  SET @s = REPEAT('a', 3);",
			"END;",
			"CALL p();",
		}, "\n"), []string{"1:1-13:5", "14:1-14:10"}},
		{"definer and a trigger body that starts with IF", strings.Join([]string{
			"CREATE DEFINER=`root`@`%` TRIGGER t BEFORE UPDATE ON x FOR EACH ROW",
			"IF NEW.a IS NULL THEN SET NEW.a = 1; ELSEIF NEW.a < 0 THEN SET NEW.a = 0; END IF;",
			"SELECT 1;",
		}, "\n"), []string{"1:1-2:82", "3:1-3:10"}},
		{"function with a RETURN body", "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;\nSELECT f();",
			[]string{"1:1-1:56", "2:1-2:12"}},
		{"function returning a typed value", "CREATE FUNCTION f(a INT) RETURNS VARCHAR(10) CHARSET utf8mb4 NO SQL BEGIN RETURN 'x'; END;\nSELECT 1;",
			[]string{"1:1-1:91", "2:1-2:10"}},
		{"event", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END;\nSELECT 1;",
			[]string{"1:1-1:68", "2:1-2:10"}},
		{"begin not atomic", "BEGIN NOT ATOMIC\n  IF 1 THEN SELECT 1; END IF;\nEND;\nSELECT 2;", []string{"1:1-3:5", "4:1-4:10"}},
		{"labelled block", "lbl: BEGIN NOT ATOMIC SELECT 1; END lbl;\nSELECT 2;", []string{"1:1-1:41", "2:1-2:10"}},
		{"mariadb compound if", "IF (SELECT 1) THEN SELECT 1; ELSE SELECT 2; END IF;\nSELECT 3;", []string{"1:1-1:52", "2:1-2:10"}},
		{"transaction begin is a statement", "BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;", []string{"1:1-1:7", "2:1-2:26", "3:1-3:8"}},
		{"begin work", "BEGIN WORK;\nSELECT 1;", []string{"1:1-1:12", "2:1-2:10"}},
		{"column named end", "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.end = 1; SET NEW.begin = 2; END;\nSELECT 1;",
			[]string{"1:1-1:96", "2:1-2:10"}},
		{"unterminated quote runs to the end", "SELECT 'abc;\nSELECT 2;", []string{"1:1-2:10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, tt.src, model.MySQL)
			got := spans(s, s.Statements)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("spans = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSplitRegions(t *testing.T) {
	// goose StatementBegin/End: the region is sent whole.
	src := "-- +goose StatementBegin\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;\n-- +goose StatementEnd\nSELECT 3;\n"
	begin := strings.Index(src, "\n")
	end := strings.Index(src, "-- +goose StatementEnd")
	s := parse(t, src, model.MySQL, model.Region{Span: model.Span{Start: begin, End: end}, Atomic: true})
	if got, want := spans(s, s.Statements), []string{"2:1-2:52", "4:1-4:10"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("goose spans = %v, want %v", got, want)
	}

	// A region boundary ends a statement even without a terminator.
	src = "SELECT 1\n-- +goose StatementBegin\nSELECT 2;\n-- +goose StatementEnd\n"
	begin = strings.Index(src, "StatementBegin") + len("StatementBegin")
	end = strings.Index(src, "-- +goose StatementEnd")
	s = parse(t, src, model.MySQL, model.Region{Span: model.Span{Start: begin, End: end}, Atomic: true})
	if got, want := spans(s, s.Statements), []string{"1:1-1:9", "3:1-3:10"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("boundary spans = %v, want %v", got, want)
	}

	// A Liquibase changeset with endDelimiter:/ on its own line.
	src = "-- changeset a:1 endDelimiter:/\nCREATE TABLE t (a INT);\nSELECT 4 / 2\n/\nSELECT 5;\n"
	s = parse(t, src, model.MySQL, model.Region{Span: model.Span{Start: 0, End: len(src)}, Delimiter: "/"})
	if got, want := spans(s, s.Statements), []string{"2:1-2:24", "3:1-4:2", "5:1-5:10"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("liquibase spans = %v, want %v", got, want)
	}
	if k := s.Statements[0].Kind; k != model.KindDDL {
		t.Errorf("kind = %v", k)
	}
}

func TestDirectiveLinesAreComments(t *testing.T) {
	// Liquibase writes its directives without a space after the dashes;
	// MySQL would read --x as two minus signs, but the tool strips them.
	// Mid-line, --x is still two minus signs.
	src := "--liquibase formatted sql\n--changeset a:1\nSELECT 1\n--1\n;\nSELECT 2--x\n;"
	s := parse(t, src, model.MySQL)
	if got, want := spans(s, s.Statements), []string{"3:1-5:2", "6:1-7:2"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("spans = %v, want %v", got, want)
	}
}

func TestDelimiterLineIsNotAStatement(t *testing.T) {
	s := parse(t, "DELIMITER $$\nDELIMITER ;\n", model.MySQL)
	if len(s.Statements) != 0 {
		t.Errorf("got %d statements", len(s.Statements))
	}
}

func TestSplitLongRoutineHead(t *testing.T) {
	// The body starts after a long parameter list: the splitter must still
	// see that IF opens a block there.
	params := strings.Repeat("a INT, ", 60) + "z INT"
	src := "CREATE DEFINER=`root`@`%` PROCEDURE p(" + params + ")\nIF a THEN SELECT 1; ELSE SELECT 2; END IF;\nSELECT 3;"
	s := parse(t, src, model.MySQL)
	if got, want := spans(s, s.Statements), []string{"1:1-2:43", "3:1-3:10"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("spans = %v, want %v", got, want)
	}
	if n := len(s.Statements[0].Children); n != 2 {
		t.Errorf("%d children", n)
	}
}
