package mysql

import (
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// A syntax-error finding claims that the server refuses the statement.
// serverValid lists statements that MySQL 8.0/8.4 or MariaDB 10.6-11.x
// accept and that the TiDB grammar does not read as written: none may be a
// syntax error, in either dialect (a file's dialect is often inferred, and
// MariaDB files are read as mysql). The MariaDB ones were run on MariaDB
// 10.11 (a parse error there is 1064; other errors, such as a missing
// table, mean the server read the statement); the MySQL-only ones come
// from the MySQL 8.0 reference manual, the MariaDB 11.x ones from the
// MariaDB documentation.
var serverValid = []string{
	// Expression defaults (MySQL 8.0.13, MariaDB 10.2).
	"CREATE TABLE t (j JSON DEFAULT (('{}')));",
	"CREATE TABLE t (d DATE DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR), e DATETIME DEFAULT (NOW() + INTERVAL 1 DAY));",
	"CREATE TABLE t (a INT DEFAULT ((1 + 2) * 3), b VARCHAR(10) DEFAULT (concat('a', ('b'))), c DOUBLE DEFAULT (RAND() * RAND()));",
	"CREATE TABLE t (a INT DEFAULT (CASE WHEN 1 THEN 2 END), p POINT DEFAULT (POINT(0, 0)));",
	"ALTER TABLE t ADD COLUMN dj JSON DEFAULT (('[]'));",
	"CREATE TABLE t (id BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID())), PRIMARY KEY (id));",
	// CHECK constraints, functional key parts, invisible columns and
	// indexes (MySQL 8.0).
	"CREATE TABLE t (a INT CHECK (a > 0), CONSTRAINT c CHECK (a < 10) NOT ENFORCED);",
	"ALTER TABLE t ALTER CHECK c NOT ENFORCED;",
	"CREATE INDEX i ON t ((lower(x)));",
	"CREATE TABLE t (j JSON, INDEX zips ((CAST(j->'$.zip' AS UNSIGNED ARRAY))));",
	"ALTER TABLE t ALTER COLUMN a SET INVISIBLE;",
	"ALTER TABLE t ALTER COLUMN a SET VISIBLE;",
	"ALTER TABLE t ALTER INDEX i INVISIBLE, ALGORITHM=INSTANT;",
	"ALTER TABLE t RENAME COLUMN a TO b;",
	// MariaDB ignored indexes (10.6), ALGORITHM=NOCOPY, WAIT/NOWAIT, ONLINE.
	"ALTER TABLE t ALTER INDEX i IGNORED;",
	"ALTER TABLE t ALTER INDEX i NOT IGNORED;",
	"CREATE TABLE t (a INT, INDEX (a) IGNORED, INDEX ix (a) NOT IGNORED);",
	"ALTER TABLE t ADD INDEX i (a) IGNORED;",
	"ALTER TABLE t ADD COLUMN c INT, ALGORITHM=NOCOPY;",
	"ALTER TABLE t NOWAIT ADD COLUMN c INT;",
	"ALTER TABLE t WAIT 10 ADD COLUMN c INT;",
	"CREATE INDEX i ON t (a) WAIT 1;",
	"DROP INDEX i ON t NOWAIT;",
	"DROP TABLE IF EXISTS t WAIT 1;",
	"TRUNCATE TABLE t NOWAIT;",
	"RENAME TABLE t NOWAIT TO t2;",
	"LOCK TABLES t WRITE WAIT 10;",
	"ALTER ONLINE TABLE t ADD COLUMN c INT;",
	"ALTER ONLINE IGNORE TABLE t ADD COLUMN c INT;",
	// Databases.
	"CREATE DATABASE d COMMENT 'c';",
	"ALTER DATABASE d COMMENT 'x';",
	"ALTER DATABASE d READ ONLY = 1;",
	// Partitions.
	"ALTER TABLE t ANALYZE PARTITION ALL;",
	"ALTER TABLE t REPAIR PARTITION ALL;",
	"ALTER TABLE t CONVERT PARTITION p0 TO TABLE t9;",
	"ALTER TABLE t CONVERT TABLE t9 TO PARTITION p0 VALUES LESS THAN (2000);",
	// Sequences (MariaDB; AS type from 11.5).
	"SELECT NEXT VALUE FOR s, PREVIOUS VALUE FOR s, NEXTVAL(s), LASTVAL(s), SETVAL(s, 200);",
	"CREATE SEQUENCE s AS BIGINT UNSIGNED START 10 INCREMENT 5;",
	// System-versioned and application-time period tables (MariaDB).
	"CREATE TABLE t (a INT, s TIMESTAMP(6) GENERATED ALWAYS AS ROW START, e TIMESTAMP(6) GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME(s, e)) WITH SYSTEM VERSIONING;",
	"CREATE TABLE t (a INT WITHOUT SYSTEM VERSIONING, b INT) WITH SYSTEM VERSIONING;",
	"CREATE TABLE t (a INT) WITH SYSTEM VERSIONING PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH PARTITIONS 3;",
	"ALTER TABLE t ADD COLUMN ts TIMESTAMP(6) GENERATED ALWAYS AS ROW START, ADD COLUMN te TIMESTAMP(6) GENERATED ALWAYS AS ROW END, ADD PERIOD FOR SYSTEM_TIME(ts, te);",
	"SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00' WHERE a = 1;",
	"SELECT * FROM t FOR SYSTEM_TIME ALL;",
	"SELECT * FROM t FOR SYSTEM_TIME BETWEEN '2020-01-01' AND NOW() AS x;",
	"DELETE HISTORY FROM t BEFORE SYSTEM_TIME '2020-01-01';",
	"CREATE TABLE t (id INT, s DATE, e DATE, PERIOD FOR p(s, e), UNIQUE (id, p WITHOUT OVERLAPS));",
	"ALTER TABLE t ADD PERIOD IF NOT EXISTS FOR p(d1, d2);",
	"ALTER TABLE t DROP PERIOD FOR p;",
	"DELETE FROM t FOR PORTION OF p FROM '2020-01-01' TO '2020-02-01' WHERE id = 1;",
	"UPDATE t FOR PORTION OF p FROM '2020-01-01' TO '2020-02-01' SET id = 2;",
	// RETURNING (MariaDB).
	"DELETE FROM t RETURNING *;",
	"DELETE FROM t ORDER BY a LIMIT 1 RETURNING a;",
	"INSERT INTO t (a) SELECT 1 RETURNING a;",
	"REPLACE INTO t SELECT * FROM s RETURNING *;",
	// Queries.
	"SELECT * FROM t WHERE x SOUNDS LIKE 'abc';",
	"SELECT CAST(a AS INTEGER), CAST(a AS INT), CAST(a AS VARCHAR(10)), CAST(a AS INET6), CAST(a AS INTERVAL DAY_SECOND(2)) FROM t;",
	"SELECT CAST(g AS POINT) FROM t;",
	"SELECT CAST(d AS DATETIME AT TIME ZONE 'UTC') FROM t;",
	"SELECT * FROM t ORDER BY a OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY;",
	"SELECT * FROM t ORDER BY a FETCH NEXT 1 ROW WITH TIES;",
	"SELECT * FROM t LIMIT 10 ROWS EXAMINED 100;",
	"SELECT a, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY b) OVER (PARTITION BY a), MEDIAN(b) OVER () FROM t;",
	"SELECT * FROM (SELECT 1, 2) AS v (x, y);",
	"VALUES (1, 2), (3, 4);",
	"SELECT * FROM (VALUES (1, 2)) AS v;",
	"VALUES ROW(1, 2), ROW(3, 4);",
	"TABLE t;",
	"INSERT INTO t (a) VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a;",
	"SELECT * FROM t, LATERAL (SELECT a FROM s WHERE s.a = t.a LIMIT 1) AS l;",
	"SELECT a, ROW_NUMBER() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b);",
	"EXPLAIN EXTENDED SELECT 1;",
	"EXPLAIN ANALYZE SELECT 1;",
	"ANALYZE FORMAT=JSON SELECT 1;",
	// Column attributes.
	"CREATE TABLE t (a VARCHAR(5) ASCII, b VARCHAR(5) UNICODE, c VARCHAR(5) BYTE);",
	"CREATE TABLE t (g GEOMETRY NOT NULL SRID 4326, SPATIAL INDEX (g)) COLLATE utf8mb4_0900_ai_ci;",
	"ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;",
	// Accounts.
	"CREATE USER u IDENTIFIED VIA ed25519 USING PASSWORD('x');",
	"CREATE USER u IDENTIFIED VIA mysql_native_password USING PASSWORD('x') OR unix_socket, u2;",
	"CREATE USER u IDENTIFIED BY 'x' WITH MAX_STATEMENT_TIME 10;",
	"CREATE USER u IDENTIFIED WITH caching_sha2_password BY 'p' DEFAULT ROLE r1, r2 PASSWORD EXPIRE INTERVAL 90 DAY;",
	"CREATE USER u@'10.0.0.%' IDENTIFIED BY RANDOM PASSWORD;",
	"CREATE USER u IDENTIFIED BY 'p' PASSWORD HISTORY 5 PASSWORD REUSE INTERVAL 365 DAY PASSWORD REQUIRE CURRENT;",
	"CREATE ROLE r WITH ADMIN u;",
	"ALTER USER u IDENTIFIED VIA ed25519 USING PASSWORD('y');",
	"ALTER USER u DEFAULT ROLE r1;",
	"GRANT r1, r2 TO u1, u2 WITH ADMIN OPTION;",
	"GRANT BINLOG_ADMIN, SYSTEM_VARIABLES_ADMIN ON *.* TO u;",
	"GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO u;",
	"GRANT DELETE HISTORY ON p.* TO u;",
	"GRANT SELECT ON p.* TO u IDENTIFIED VIA ed25519 USING PASSWORD('x');",
	"REVOKE IF EXISTS SELECT ON d.* FROM u IGNORE UNKNOWN USER;",
	"SET DEFAULT ROLE r1 FOR u;",
	"SET DEFAULT ROLE NONE;",
	"SET ROLE NONE;",
	// Statement prefixes (MariaDB): the statement after them is read.
	"SET STATEMENT max_statement_time = 10 FOR SELECT 1;",
	"SET STATEMENT foreign_key_checks = 0, unique_checks = 0 FOR ALTER TABLE t ADD COLUMN c INT;",
	// Routines: MariaDB FOR loops.
	"CREATE PROCEDURE p() BEGIN FOR i IN 1..3 DO SELECT i; END FOR; END;",
	"CREATE PROCEDURE p() BEGIN FOR r IN (SELECT a FROM t) DO SELECT r.a; END FOR; SELECT 1 FOR UPDATE; END;",
	"ALTER ALGORITHM=UNDEFINED VIEW v AS SELECT 1;",
	"ALTER DEFINER=root@localhost SQL SECURITY INVOKER VIEW v AS SELECT 2;",
	// Statements read by their words only.
	"CREATE OR REPLACE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'x');",
	"ANALYZE TABLE t PERSISTENT FOR ALL;",
	"CHECK TABLE t FOR UPGRADE;",
	"REPAIR TABLE t QUICK;",
	"LOCK TABLE t AS x LOW_PRIORITY WRITE;",
	"LOCK TABLES t WRITE CONCURRENT;",
	"LOCK INSTANCE FOR BACKUP;",
	"UNLOCK INSTANCE;",
	"BACKUP STAGE START;",
	"SIGNAL SQLSTATE '01000' SET MESSAGE_TEXT = 'x';",
	"GET DIAGNOSTICS @n = NUMBER;",
	"CHANGE MASTER TO MASTER_HOST = 'h';",
	"START REPLICA;",
	"STOP ALL SLAVES;",
	"ALTER INSTANCE ROTATE INNODB MASTER KEY;",
	"CREATE RESOURCE GROUP rg TYPE = USER VCPU = 0-1;",
	"IMPORT TABLE FROM '/tmp/t.sdi';",
	// Words TiDB reserves and neither server does.
	"CREATE TABLE t (ilike INT, tablesample INT, array INT);",
}

// mariadbValid are valid on MariaDB and refused by MySQL 8.0, where the
// words are reserved.
var mariadbValid = []string{
	"CREATE TABLE t (rank INT, `row` INT, window INT, groups INT, lateral INT, of INT, generated INT, stored INT, virtual INT);",
	"SELECT rank, row, window FROM t WHERE lag = 1 AND lead = 2;",
	"ALTER TABLE t ADD COLUMN rank INT;",
}

// serverRefused lists statements both servers refuse: they stay syntax
// errors (checked on MariaDB 10.11, and against the MySQL 8.0 grammar).
var serverRefused = []string{
	// WITH precedes SELECT, UPDATE and DELETE, not INSERT.
	"WITH c AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM c;",
	// MariaDB reads IF NOT EXISTS after CONSTRAINT only for CHECK, and none
	// after DROP PRIMARY KEY.
	"ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS fk FOREIGN KEY (a) REFERENCES s (a);",
	"ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS u UNIQUE (a);",
	"ALTER TABLE t DROP PRIMARY KEY IF EXISTS;",
	// RETURNING only on a single-table DELETE.
	"DELETE t FROM t JOIN s ON t.a = s.a RETURNING t.a;",
	// An expression default needs its parentheses.
	"CREATE TABLE t (a INT DEFAULT 1 + 1);",
	"CREATE ONLINE INDEX i ON t (a);",
	"SELECT a FROM t MINUS SELECT a FROM s;",
	"CREATE TABLE t (a XML);",
	"SELECT JSON_OBJECT('a', 1) ->> '$.a';",
	"ALTER TABLE t ADD COLUMN c INT, ALGORITHM=SOMETIMES;",
	"GRANT SELECT ON d.* TOO u;",
	"SELECT * FROM t FOR SYSTEM TIME ALL;",
}

func TestServerSyntax(t *testing.T) {
	for _, d := range []model.Dialect{model.MySQL, model.MariaDB} {
		for _, src := range serverValid {
			s := parse(t, src, d)
			s.Walk(func(st *model.Statement) {
				if st.Err != nil {
					t.Errorf("%s: %s: %s at %s", d, src, st.Err.Message, at(s, st.Err.Pos))
				}
			})
		}
		for _, src := range mariadbValid {
			s := parse(t, src, d)
			n := 0
			s.Walk(func(st *model.Statement) {
				if st.Err != nil {
					n++
				}
			})
			if want := map[model.Dialect]int{model.MySQL: 1, model.MariaDB: 0}[d]; n != want {
				t.Errorf("%s: %s: %d syntax errors, want %d", d, src, n, want)
			}
		}
		for _, src := range serverRefused {
			s := parse(t, src, d)
			n := 0
			s.Walk(func(st *model.Statement) {
				if st.Err != nil && st.Err.Kind == model.ErrSyntax {
					n++
				}
			})
			if n != 1 {
				t.Errorf("%s: %s: %d syntax errors, want 1", d, src, n)
			}
		}
	}
}

// TestReadAfterRewrite checks that statements read through a rewrite keep
// their effects and guards.
func TestReadAfterRewrite(t *testing.T) {
	tests := []struct {
		src  string
		want string // the effects, as effects() renders them
	}{
		{"ALTER TABLE t NOWAIT ADD COLUMN c INT;", "add column t.c"},
		{"ALTER TABLE t WAIT 5 ADD COLUMN IF NOT EXISTS c INT;", "add column t.c IF NOT EXISTS"},
		{"SET STATEMENT foreign_key_checks = 0 FOR ALTER TABLE t ADD COLUMN c INT;", "add column t.c"},
		{"SET STATEMENT lock_wait_timeout = 5 FOR CREATE INDEX IF NOT EXISTS i ON t (a);", "create index t.i IF NOT EXISTS"},
		{"ANALYZE DELETE FROM t WHERE a = 0;", "delete table t"},
		{"CREATE TABLE t (j JSON DEFAULT (('{}')));", "create table t"},
		{"ALTER TABLE t ADD COLUMN c JSON DEFAULT (('[]')), ALGORITHM=NOCOPY;", "add column t.c"},
		{"ALTER ONLINE TABLE t DROP COLUMN IF EXISTS c;", "drop column t.c IF EXISTS"},
		{"DROP TABLE IF EXISTS t WAIT 1;", "drop table t IF EXISTS"},
		{"ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS c CHECK (a > 0);", "add constraint t.c IF NOT EXISTS"},
		{"DELETE FROM t WHERE a = 1 RETURNING *;", "delete table t"},
		// A stand-in for a word TiDB reserves gives its name back.
		{"ALTER TABLE t ADD COLUMN rank INT;", "add column t.rank"},
		{"ALTER TABLE `rank` DROP COLUMN IF EXISTS window;", "drop column rank.window IF EXISTS"},
	}
	for _, tt := range tests {
		s := parse(t, tt.src, model.MariaDB)
		var got []string
		s.Walk(func(st *model.Statement) {
			if st.Err != nil {
				t.Errorf("%s: %s", tt.src, st.Err.Message)
			}
			for _, e := range st.Effects {
				g := e.Action.String() + " " + e.Object.String()
				if e.Guard != model.GuardNone {
					g += " " + e.Guard.String()
				}
				got = append(got, g)
			}
		})
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: effects %q, want %q", tt.src, got, tt.want)
		}
	}
}
