package mysql

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestSyntaxErrors checks that what the servers reject is reported at the
// token where parsing stopped, in the file, also inside bodies and strings.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // line:column of the error
		msg  string
	}{
		{"on line 3 of a statement", "SELECT 1;\nALTER TABLE t\n  ADD COLUMN a INT,\n  ADD COLUMN b INTT NOT NULL;", "4:16", `syntax error near "INTT NOT NULL"`},
		{"missing name", "CREATE TABLE (a INT);", "1:14", `syntax error near "(a INT)"`},
		{"in a routine body", "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  ALTER TABLE t ADDD COLUMN c INT;\nEND $$", "5:17", `syntax error near "ADDD COLUMN c INT"`},
		{"in an IF condition", "CREATE PROCEDURE p() BEGIN\n  IF (SELECT COUNT(*) FROM x WHERE) = 0 THEN SELECT 1; END IF;\nEND;", "2:35", `syntax error near ") = 0 THEN SELECT 1"`},
		{"missing END IF", "CREATE PROCEDURE q() BEGIN IF 1 THEN SELECT 1; END;", "1:51", "expected END IF"},
		{"at the end", "SELECT * FROM", "1:14", "syntax error at end of statement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, tt.src, model.MySQL)
			var errs []*model.SyntaxError
			s.Walk(func(st *model.Statement) {
				if st.Err != nil {
					errs = append(errs, st.Err)
				}
			})
			if len(errs) != 1 {
				t.Fatalf("%d errors", len(errs))
			}
			if got := at(s, errs[0].Pos); got != tt.want || errs[0].Message != tt.msg {
				t.Errorf("error at %s %q, want %s %q", got, errs[0].Message, tt.want, tt.msg)
			}
		})
	}
}

// TestPreparedNotRead: a prepared string that does not parse is not a
// syntax error of the file (the server checks it only when it runs, and
// its branch may never run): it is left unread, with a note that says
// where and why.
func TestPreparedNotRead(t *testing.T) {
	src := "SET @q = IF(@n > 0, 'SELECT 1', 'CREATE INDEX ON t(a);');\nPREPARE s FROM @q;\nSET @r = 'ALTER TABLE t ADD COLUMN c INT';\nPREPARE s FROM @r;"
	s := parse(t, src, model.MySQL)
	var read []string
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			t.Errorf("error %q at %s", st.Err.Message, at(s, st.Err.Pos))
		}
		if st.Parent != nil {
			read = append(read, st.Tag)
		}
	})
	if strings.Join(read, ",") != "SELECT,ALTER TABLE" {
		t.Errorf("read %q, want the SELECT and the ALTER TABLE only", read)
	}
	if len(s.Notes) != 1 || at(s, s.Notes[0].Pos) != "1:34" || !strings.Contains(s.Notes[0].Text, `syntax error near "ON t(a)"`) {
		t.Errorf("notes %+v, want one at 1:34 naming the syntax error", s.Notes)
	}
}

// TestValidMySQLTiDBLacks checks valid statements the TiDB grammar rejects.
func TestValidMySQLTiDBLacks(t *testing.T) {
	for _, src := range []string{
		"SELECT COUNT(*) INTO @n FROM information_schema.tables WHERE table_name = 't';",
		"SELECT a, b INTO @x, @y FROM t LIMIT 1;",
		"SELECT a FROM t LIMIT 1 INTO @x;",
		"DROP FUNCTION IF EXISTS f;",
		"DROP TRIGGER tr;",
		"DROP EVENT IF EXISTS db.e;",
		"CREATE OR REPLACE TABLE t (a INT);",
		"CREATE OR REPLACE USER u;",
		"SELECT JSON_VALUE(j, '$.a' RETURNING SIGNED) FROM t;",
		"CREATE PROCEDURE p(n INT) BEGIN SELECT * FROM t LIMIT n; SELECT * FROM t LIMIT 1, n; END;",
		"CREATE PROCEDURE p() BEGIN DECLARE c CURSOR FOR SELECT 1; OPEN c; FETCH c INTO @x; CLOSE c; SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'x'; GET DIAGNOSTICS @n = NUMBER; END;",
		"BEGIN WORK;",
		"ALTER TABLE t DROP CONSTRAINT IF EXISTS c;",
		"ALTER TABLE IF EXISTS t ADD COLUMN x INT;",
		"ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS c CHECK (a > 0);",
		"ALTER TABLE t DROP FOREIGN KEY IF EXISTS fk;",
		"ALTER TABLE t RENAME COLUMN IF EXISTS a TO b;",
		"DELETE FROM t WHERE a = 1 RETURNING a;",
		"INSERT INTO t (a) VALUES (1) RETURNING a;",
		"CREATE TABLE t (a INT, b INT AS (a + 1) PERSISTENT);",
		"CREATE TABLE t (g GEOMETRY NOT NULL SRID 4326, p POINT, SPATIAL INDEX (g));",
		"ALTER TABLE t ADD SPATIAL INDEX sp (g);",
		"INSERT INTO t (a) VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a;",
		"INSERT INTO t (a) VALUES (1) AS new (x) ON DUPLICATE KEY UPDATE a = x;",
		"SET PERSIST max_connections = 10;",
		"SELECT * FROM JSON_TABLE('[]', '$[*]' COLUMNS (a INT PATH '$.a')) AS jt;",
		"CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd' ENGINE=InnoDB;",
		"ALTER EVENT e DISABLE;",
		"ALTER PROCEDURE p COMMENT 'x';",
		"ALTER VIEW v AS SELECT 2;",
		"XA START 'x';",
		"INSTALL PLUGIN p SONAME 'p.so';",
		"CREATE TABLE t (a VARCHAR(10) CHARACTER SET utf16, b TEXT CHARSET hp8 COLLATE hp8_english_ci) DEFAULT CHARSET=koi8r COLLATE=koi8r_general_ci;",
		"CREATE TABLE t (a TEXT COLLATE utf8mb4_uca1400_ai_ci, b TEXT COLLATE utf8mb4_0900_as_cs) COLLATE=utf8mb3_tolower_ci;",
		"SELECT _utf16'x', CONVERT('x' USING cp1251);",
		"CREATE TABLE t (a INET6, b UUID DEFAULT UUID(), c INET4, d INT INVISIBLE, e TEXT COMPRESSED) WITH SYSTEM VERSIONING;",
		"CREATE TABLE t (a INT) ENGINE=InnoDB PAGE_COMPRESSED=1 ENCRYPTED=YES ENCRYPTION_KEY_ID=2;",
		"ALTER TABLE t ADD SYSTEM VERSIONING;",
		// TiDB's literal driver panics on decimals this long.
		"SELECT 1" + strings.Repeat("0", 90) + ".5;",
		"ALTER TABLE t ADD COLUMN c DECIMAL(65,2) DEFAULT 1" + strings.Repeat("0", 90) + ".5;",
	} {
		s := parse(t, src, model.MariaDB)
		s.Walk(func(st *model.Statement) {
			if st.Err != nil {
				t.Errorf("%s: %s at %s", src, st.Err.Message, at(s, st.Err.Pos))
			}
		})
	}
}
