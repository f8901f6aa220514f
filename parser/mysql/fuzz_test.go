package mysql

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

var fuzzSeeds = []string{
	"SELECT 1;\nSELECT 2",
	"DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND$$\nDELIMITER ;\nCALL p();",
	"DELIMITER ;;\nSELECT 1;; SELECT 2$$;;",
	"DELIMITER $$\nSELECT 1$$SELECT 2$$",
	"CREATE PROCEDURE p() BEGIN IF x THEN SELECT 1; ELSEIF y THEN BEGIN END; ELSE CASE WHEN 1 THEN SELECT 2; END CASE; END IF; END;",
	"SET @q = IF((SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't') = 0, 'ALTER TABLE t ADD c INT', 'SELECT 1');\nPREPARE s FROM @q;",
	"SET @q = 'SET @r = ''ALTER TABLE t ADD \\\\'' INT'''; PREPARE s FROM @q;",
	"BEGIN NOT ATOMIC DECLARE CONTINUE HANDLER FOR 1060, SQLSTATE '42S21' BEGIN END; ALTER TABLE t ADD c INT; END;",
	"CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a THEN SET NEW.b = 1; END IF;",
	"ALTER TABLE t ADD (a INT, b INT), DROP COLUMN c, RENAME TO u;",
	"SELECT 'abc",
	"/* unterminated",
	"CREATE FUNCTION f() RETURNS INT RETURN 1;",
	"lbl: LOOP LEAVE lbl; END LOOP lbl;",
	"INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = a + 1;",
	"SELECT 1;\rALTER TABLE t ADD c INT;\r-- c\rALTER TABLE t ADD d INT;\r",
	"# c\rALTER TABLE t ADD c INT;\r\nSELECT 1;",
	"/*!40101 SET NAMES utf8mb4 */;\nDELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1 */;;\nDELIMITER ;",
	"CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH(a) */; /*M!100500 ALTER TABLE t ADD b INT */; /*!100000 SELECT 1 */;",
	"/*!50000 SELECT 1; SELECT 2 */; /*!99999 a /* b */ c */ SELECT 3;",
	"SET @q = '/*!50000 ALTER TABLE t ADD c INT */'; PREPARE s FROM @q;",
	"SELECT 1; /*!50000 SELECT 2",
	"SELECT 1 /* /* */",
}

// checkScript asserts what every parse must give: spans inside the source,
// top-level statements in order and apart, nested ones inside the file.
func checkScript(t *testing.T, s *model.Script) {
	n := len(s.Source)
	inside := func(sp model.Span) bool { return sp.Start >= 0 && sp.End <= n && sp.Start <= sp.End }
	prev := 0
	for _, st := range s.Statements {
		if !inside(st.Span) || st.Span.Start < prev {
			t.Fatalf("statement span %v out of order or outside [%d, %d]", st.Span, prev, n)
		}
		prev = st.Span.End
	}
	s.Walk(func(st *model.Statement) {
		if !inside(st.Span) {
			t.Fatalf("span %v outside the source (%d)", st.Span, n)
		}
		if st.Err != nil && (st.Err.Pos < 0 || st.Err.Pos > n) {
			t.Fatalf("error position %d outside the source (%d)", st.Err.Pos, n)
		}
		if st.Err != nil && strings.HasPrefix(st.Err.Message, internalError) {
			t.Fatal(st.Err.Message)
		}
		for _, e := range st.Effects {
			if !inside(e.Span) || !inside(e.GuardSpan) {
				t.Fatalf("effect span %v / %v outside the source", e.Span, e.GuardSpan)
			}
			for _, f := range e.Fixes {
				if f.Start < 0 || f.End > n || f.Start > f.End {
					t.Fatalf("fix %+v outside the source", f)
				}
			}
		}
		for _, g := range st.Guards {
			if !inside(g.Span) {
				t.Fatalf("guard span %v outside the source", g.Span)
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	panicky = true
	f.Fuzz(func(t *testing.T, src string, mariadb bool) {
		d := model.MySQL
		if mariadb {
			d = model.MariaDB
		}
		s := script(src, d)
		var regions []model.Region
		if len(src) > 8 {
			// An atomic region over the middle third, as goose marks one.
			regions = append(regions, model.Region{Span: model.Span{Start: len(src) / 3, End: 2 * len(src) / 3}, Atomic: true})
		}
		Parse(s, lex.Tokenize(s.Source, LexMode(model.DefaultTarget(d))), regions)
		checkScript(t, s)
	})
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "")
	}
	f.Add("-- changeset a:1\nSELECT 1\n/\n", "/")
	f.Fuzz(func(t *testing.T, src, delim string) {
		b := []byte(src)
		var regions []model.Region
		if delim != "" {
			regions = []model.Region{{Span: model.Span{Start: 0, End: len(b)}, Delimiter: delim}}
		}
		sig, pieces := split(b, lex.Tokenize(b, lex.MySQL), regions, true)
		prev := 0
		for _, p := range pieces {
			if p.from >= p.to || p.to > len(sig) || (p.term >= 0 && p.term != p.to) {
				t.Fatalf("bad piece %+v of %d tokens", p, len(sig))
			}
			start, end := sig[p.from].Start, sig[p.to-1].End
			if p.term >= 0 {
				end = sig[p.term].End
			}
			if start < prev || end > len(b) || start > end {
				t.Fatalf("piece [%d, %d) after %d in %d bytes", start, end, prev, len(b))
			}
			prev = end
		}
	})
}

// TestFuzzSeeds runs the fuzz checks over the seeds in every test run.
func TestFuzzSeeds(t *testing.T) {
	for _, src := range fuzzSeeds {
		for _, d := range []model.Dialect{model.MySQL, model.MariaDB} {
			checkScript(t, parse(t, src, d))
		}
	}
}
