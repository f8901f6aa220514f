package mysql

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// TestExecutableComments checks that what the server runs inside /*! */
// and /*M! */ is read as SQL, at its place in the file, and that a
// version newer than the assumed server (MySQL 8.0, MariaDB 10.6) leaves a
// comment. Each statement is "span text :: description".
func TestExecutableComments(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		mariadb bool
		// target is the server version; empty means the dialect's default.
		target string
		want   []string
	}{
		{name: "mysqldump trigger across three comments",
			src: "DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */;;\nDELIMITER ;\n",
			want: []string{
				`2:1-2:128 :: ddl CREATE TRIGGER | create trigger t.trg @2:10-2:77 fix@2:74+"IF NOT EXISTS "`,
				"2:110-2:123 :: other SET",
			}},
		{name: "clause in a comment", src: "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) PARTITIONS 2 */;",
			want: []string{`1:1-1:70 :: ddl CREATE TABLE | create table t @1:1-1:15 fix@1:14+"IF NOT EXISTS "`}},
		{name: "whole statements; newer versions and /*M! are comments to MySQL 8.0", target: "mysql:8.0",
			src: "/*!40101 SET NAMES utf8mb4 */;\n/*!80016 ALTER TABLE t ADD b int */;\n/*!80100 ALTER TABLE t ADD c int */;\n/*M!100500 ALTER TABLE t ADD d int */;",
			want: []string{
				"1:1-1:31 :: other SET",
				`2:1-2:37 :: ddl ALTER TABLE | add column t.b @2:24-2:33`,
			}},
		{name: "MariaDB 10.6 skips MySQL 5.7 to 9.9 versions, reads /*M!", target: "mariadb:10.6",
			src:     "/*!40101 SET NAMES utf8mb4 */;\n/*!50700 ALTER TABLE t ADD c int */;\n/*M!100500 ALTER TABLE t ADD d int */;\n/*M!100700 ALTER TABLE t ADD e int */;\n/*M!50700 ALTER TABLE t ADD f int */;",
			mariadb: true,
			want: []string{
				"1:1-1:31 :: other SET",
				`3:1-3:39 :: ddl ALTER TABLE | add column t.d @3:26-3:35 fix@3:30+"IF NOT EXISTS "`,
				`5:1-5:38 :: ddl ALTER TABLE | add column t.f @5:25-5:34 fix@5:29+"IF NOT EXISTS "`,
			}},
		{name: "MySQL 8.0 reads five digits: the sixth is SQL", target: "mysql:8.0", src: "/*!100000 ALTER TABLE t ADD c int */;",
			want: []string{"1:1-1:38 :: other  | error@1:9"}},
		{name: "MySQL 8.4 runs what 8.1 to 8.4 brought, not 8.5", target: "mysql:8.4",
			src:  "/*!80100 ALTER TABLE t ADD c int */;\n/*!80500 ALTER TABLE t ADD d int */;",
			want: []string{"1:1-1:37 :: ddl ALTER TABLE | add column t.c @1:24-1:33"}},
		{name: "MySQL 8.0.15 skips what 8.0.16 brought", target: "mysql:8.0.15",
			src:  "/*!80016 ALTER TABLE t ADD c int */;\n/*!80015 ALTER TABLE t ADD d int */;",
			want: []string{"2:1-2:37 :: ddl ALTER TABLE | add column t.d @2:24-2:33"}},
		{name: "MariaDB 11.4 runs /*M!110400", target: "mariadb:11.4",
			src:  "/*M!110400 ALTER TABLE t ADD c int */;\n/*M!110500 ALTER TABLE t ADD d int */;",
			want: []string{`1:1-1:39 :: ddl ALTER TABLE | add column t.c @1:26-1:35 fix@1:30+"IF NOT EXISTS "`}},
		{name: "MariaDB reads six digits", src: "/*!100000 ALTER TABLE t ADD c int */;", mariadb: true,
			want: []string{`1:1-1:38 :: ddl ALTER TABLE | add column t.c @1:25-1:34 fix@1:29+"IF NOT EXISTS "`}},
		{name: "no version runs everywhere", src: "SELECT 1 /*! , 2 */;\n/*!ALTER TABLE t ADD c int*/;",
			want: []string{"1:1-1:21 :: other SELECT", "2:1-2:30 :: ddl ALTER TABLE | add column t.c @2:18-2:27"}},
		{name: "a comment that does not run may hold one comment", src: "/*!99999 a /* b */ c */ SELECT 1;",
			want: []string{"1:25-1:34 :: other SELECT"}},
		{name: "a dash comment inside hides the end marker", src: "/*!50000 SELECT 1 -- */\n*/;",
			want: []string{"1:1-2:4 :: other SELECT"}},
		{name: "a statement that ends inside the comment is an error", src: "/*!50000 SELECT 1; SELECT 2 */;",
			want: []string{"1:1-1:19 :: other SELECT | error@1:18", "1:20-1:32 :: other SELECT"}},
		{name: "unterminated", src: "SELECT 1;\n/*!50000 SELECT 2;",
			want: []string{"1:1-1:10 :: other SELECT", "2:1-2:19 :: other  | error@2:1"}},
		{name: "in a prepared string", src: "SET @q = '/*!50000 ALTER TABLE t ADD c int */'; PREPARE s FROM @q;",
			want: []string{"1:1-1:48 :: other SET", "1:11-1:46 :: ddl ALTER TABLE | add column t.c @1:34-1:43", "1:49-1:67 :: other PREPARE"}},
		{name: "at the end without a terminator", src: "/*!40101 SET NAMES utf8mb4 */",
			want: []string{"1:1-1:30 :: other SET"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := model.MySQL
			if tt.mariadb {
				d = model.MariaDB
			}
			tg := model.DefaultTarget(d)
			if tt.target != "" {
				var err error
				if tg, err = model.ParseTarget(tt.target); err != nil {
					t.Fatal(err)
				}
				d = tg.Dialect
			}
			s := script(tt.src, d)
			s.Target = tg
			Parse(s, lex.Tokenize(s.Source, LexMode(tg)), nil)
			got := []string{}
			s.Walk(func(st *model.Statement) {
				got = append(got, spanOf(s, st.Span)+" :: "+describe(s, st))
			})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestUnterminated checks that a quote or comment the input ends inside
// is a syntax error at its opening, as the server says.
func TestUnterminated(t *testing.T) {
	tests := []struct{ src, want, msg string }{
		{"SELECT 1;\n/* x", "2:1", "unterminated comment"},
		{"SELECT 1 /* x", "1:10", "unterminated comment"},
		{"/* a /* b */ */ SELECT 1;", "1:14", `syntax error near "*/ SELECT 1"`}, // MySQL comments do not nest
		{"SELECT 1;\nSELECT 'abc;\nSELECT 2;", "2:8", "unterminated string"},
		{"SELECT `abc", "1:8", "unterminated quoted identifier"},
		{"SELECT \"abc", "1:8", "unterminated string"},
		{"SELECT @'abc", "1:8", "unterminated quoted variable name"},
		{"SELECT 1;\n/*!50000 SELECT 2; */ SELECT 3", "2:18", "the statement ends inside an executable comment (/*! ... */), which the server rejects"},
		{"SELECT 1;\n  /*!50000 SELECT 2", "2:3", "unterminated executable comment"},
		{"SELECT 1;\n/*!99999 SELECT 2", "2:1", "unterminated executable comment"},
		{"DELIMITER $$\nSELECT 1$$\n/* x", "3:1", "unterminated comment"},
	}
	for _, tt := range tests {
		s := parse(t, tt.src, model.MySQL)
		var errs []string
		s.Walk(func(st *model.Statement) {
			if st.Err != nil {
				errs = append(errs, at(s, st.Err.Pos)+" "+st.Err.Message)
			}
		})
		if want := tt.want + " " + tt.msg; len(errs) != 1 || errs[0] != want {
			t.Errorf("%q: errors %q, want [%s]", tt.src, errs, want)
		}
	}
}
