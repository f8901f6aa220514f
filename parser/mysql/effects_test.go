package mysql

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestEffects checks each statement's kind, tag and effects: action,
// object, inline guard and where it is written, the clause span, and the
// fixes offered for the target server.
func TestEffects(t *testing.T) {
	tests := []struct {
		src     string
		mariadb bool
		want    string
	}{
		// CREATE
		{src: "CREATE TABLE t (a INT);", want: `ddl CREATE TABLE | create table t @1:1-1:15 fix@1:14+"IF NOT EXISTS "`},
		{src: "CREATE TABLE IF NOT EXISTS `db`.`t2` (a INT);", want: "ddl CREATE TABLE | create table db.t2 IF NOT EXISTS@1:14 @1:1-1:37"},
		{src: "CREATE TEMPORARY TABLE tmp (a INT);", want: `ddl CREATE TABLE | create table tmp @1:1-1:27 temporary fix@1:24+"IF NOT EXISTS "`},
		{src: "CREATE TABLE t2 LIKE t;", want: `ddl CREATE TABLE | create table t2 @1:1-1:16 fix@1:14+"IF NOT EXISTS "`},
		{src: "CREATE OR REPLACE TABLE t3 (a INT);", mariadb: true, want: "ddl CREATE TABLE | create table t3 OR REPLACE@1:8 @1:1-1:27"},
		{src: "CREATE UNIQUE INDEX i ON t (a);", want: "ddl CREATE INDEX | create index t.i @1:1-1:22"},
		{src: "CREATE UNIQUE INDEX i ON t (a);", mariadb: true, want: `ddl CREATE INDEX | create index t.i @1:1-1:22 fix@1:21+"IF NOT EXISTS "`},
		{src: "CREATE INDEX IF NOT EXISTS i2 ON t (a);", want: "ddl CREATE INDEX | create index t.i2 IF NOT EXISTS@1:14 @1:1-1:30"},
		{src: "CREATE DATABASE d;", want: `ddl CREATE DATABASE | create database d @1:1-1:18 fix@1:17+"IF NOT EXISTS "`},
		{src: "CREATE SCHEMA IF NOT EXISTS d2;", want: "ddl CREATE SCHEMA | create database d2 IF NOT EXISTS@1:15 @1:1-1:31"},
		{src: "CREATE VIEW v AS SELECT 1;", want: `ddl CREATE VIEW | create view v @1:1-1:14 fix@1:7+" OR REPLACE"`},
		{src: "CREATE OR REPLACE ALGORITHM=MERGE VIEW v2 AS SELECT 1;", want: "ddl CREATE VIEW | create view v2 OR REPLACE@1:8 @1:1-1:42"},
		{src: "CREATE USER 'app'@'%' IDENTIFIED BY 'x';", want: `ddl CREATE USER | create role app @1:1-1:18 fix@1:13+"IF NOT EXISTS "`},
		{src: "CREATE ROLE IF NOT EXISTS r;", want: "ddl CREATE ROLE | create role r IF NOT EXISTS@1:13 @1:1-1:28"},
		{src: "CREATE SEQUENCE s;", want: "ddl CREATE SEQUENCE | create sequence s @1:1-1:18"},
		{src: "CREATE SEQUENCE s;", mariadb: true, want: `ddl CREATE SEQUENCE | create sequence s @1:1-1:18 fix@1:17+"IF NOT EXISTS "`},

		// ALTER TABLE: one effect per clause, at the clause.
		{src: strings.Join([]string{
			"ALTER TABLE t",
			"  ADD COLUMN b INT,",
			"  ADD c INT AFTER a,",
			"  ADD (d INT, e INT),",
			"  ADD INDEX (b),",
			"  ADD INDEX idx_c (c),",
			"  ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES u (id),",
			"  ADD PRIMARY KEY (a),",
			"  ADD UNIQUE KEY uk (c),",
			"  ADD CHECK (a > 0),",
			"  MODIFY a BIGINT,",
			"  ALGORITHM=INPLACE, LOCK=NONE;"}, "\n"),
			want: "ddl ALTER TABLE | add column t.b @2:3-2:19 | add column t.c @3:3-3:20 | add column t.d @4:8-4:13 | add column t.e @4:15-4:20" +
				" | create index t @5:3-5:16 unnamed | create index t.idx_c @6:3-6:22 | add constraint t.fk @7:3-7:54" +
				" | add constraint t.PRIMARY @8:3-8:22 | add constraint t.uk @9:3-9:24 | add constraint t @10:3-10:20 unnamed"},
		{src: "ALTER TABLE t ADD COLUMN b INT, ADD (d INT, e INT), ADD INDEX idx (b), ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES u (id), ADD UNIQUE KEY uk (c), ADD UNIQUE (x);",
			mariadb: true,
			want: `ddl ALTER TABLE | add column t.b @1:15-1:31 fix@1:26+"IF NOT EXISTS " | add column t.d @1:38-1:43 fix@1:37+"IF NOT EXISTS " | add column t.e @1:45-1:50` +
				` | create index t.idx @1:53-1:70 fix@1:63+"IF NOT EXISTS " | add constraint t.fk @1:72-1:123 fix@1:102+"IF NOT EXISTS "` +
				` | add constraint t.uk @1:125-1:146 fix@1:140+"IF NOT EXISTS " | add constraint t @1:148-1:162 unnamed`},
		{src: "ALTER TABLE t DROP COLUMN b, DROP INDEX idx_c, DROP FOREIGN KEY fk, DROP PRIMARY KEY, DROP CHECK ck, DROP CONSTRAINT c2;",
			want: "ddl ALTER TABLE | drop column t.b @1:15-1:28 | drop index t.idx_c @1:30-1:46 | drop constraint t.fk @1:48-1:67" +
				" | drop constraint t.PRIMARY @1:69-1:85 | drop constraint t.ck @1:87-1:100 | drop constraint t.c2 @1:102-1:120"},
		{src: "ALTER TABLE t DROP COLUMN b, DROP INDEX idx_c, DROP FOREIGN KEY fk, DROP PRIMARY KEY, DROP CHECK ck, DROP CONSTRAINT c2;",
			mariadb: true,
			want: `ddl ALTER TABLE | drop column t.b @1:15-1:28 fix@1:27+"IF EXISTS " | drop index t.idx_c @1:30-1:46 fix@1:41+"IF EXISTS "` +
				` | drop constraint t.fk @1:48-1:67 fix@1:65+"IF EXISTS " | drop constraint t.PRIMARY @1:69-1:85` +
				` | drop constraint t.ck @1:87-1:100 | drop constraint t.c2 @1:102-1:120 fix@1:118+"IF EXISTS "`},
		{src: "ALTER TABLE t RENAME TO u, RENAME COLUMN a TO b, RENAME INDEX i TO j, CHANGE x y INT, CHANGE z z BIGINT;",
			want: "ddl ALTER TABLE | rename table t @1:15-1:26 ->u | rename column t.a @1:28-1:48 ->b | rename index t.i @1:50-1:69 ->j | rename column t.x @1:71-1:85 ->y"},
		{src: "ALTER TABLE t ENGINE=InnoDB DEFAULT CHARSET=utf8mb4, ALTER COLUMN a SET DEFAULT 1, MODIFY b INT;", want: "ddl ALTER TABLE"},
		{src: "ALTER TABLE t ADD COLUMN IF NOT EXISTS f INT, DROP COLUMN IF EXISTS g, ADD INDEX IF NOT EXISTS k (f), DROP INDEX IF EXISTS k2;",
			want: "ddl ALTER TABLE | add column t.f IF NOT EXISTS@1:26 @1:15-1:45 | drop column t.g IF EXISTS@1:59 @1:47-1:70" +
				" | create index t.k IF NOT EXISTS@1:82 @1:72-1:101 | drop index t.k2 IF EXISTS@1:114 @1:103-1:126"},
		{src: "ALTER TABLE t DROP CONSTRAINT IF EXISTS c, ADD CONSTRAINT IF NOT EXISTS d CHECK (a > 0), DROP FOREIGN KEY IF EXISTS fk;", mariadb: true,
			want: "ddl ALTER TABLE | drop constraint t.c IF EXISTS@1:31 @1:15-1:42 | add constraint t.d IF NOT EXISTS@1:59 @1:44-1:88 | drop constraint t.fk IF EXISTS@1:107 @1:90-1:119"},
		{src: "ALTER TABLE IF EXISTS t RENAME TO u, ADD COLUMN x INT;", mariadb: true,
			want: `ddl ALTER TABLE | rename table t IF EXISTS@1:13 @1:25-1:36 ->u | add column t.x @1:38-1:54 fix@1:49+"IF NOT EXISTS "`},
		{src: "RENAME TABLE a TO b, c TO d;", want: "ddl RENAME TABLE | rename table a @1:14-1:20 ->b | rename table c @1:22-1:28 ->d"},

		// DROP and TRUNCATE
		{src: "DROP TABLE a, b;", want: `ddl DROP TABLE | drop table a @1:12-1:13 fix@1:12+"IF EXISTS " | drop table b @1:15-1:16`},
		{src: "DROP TEMPORARY TABLE IF EXISTS tmp;", want: "ddl DROP TABLE | drop table tmp IF EXISTS@1:22 @1:1-1:35 temporary"},
		{src: "DROP VIEW IF EXISTS v;", want: "ddl DROP VIEW | drop view v IF EXISTS@1:11 @1:1-1:22"},
		{src: "DROP INDEX i ON t;", want: "ddl DROP INDEX | drop index t.i @1:1-1:18"},
		{src: "DROP INDEX i ON t;", mariadb: true, want: `ddl DROP INDEX | drop index t.i @1:1-1:18 fix@1:12+"IF EXISTS "`},
		{src: "DROP DATABASE d;", want: `ddl DROP DATABASE | drop database d @1:1-1:16 fix@1:15+"IF EXISTS "`},
		{src: "DROP USER 'app'@'%';", want: `ddl DROP USER | drop role app @1:1-1:20 fix@1:11+"IF EXISTS "`},
		{src: "DROP PROCEDURE p;", want: `ddl DROP PROCEDURE | drop procedure p @1:1-1:17 fix@1:16+"IF EXISTS "`},
		{src: "DROP FUNCTION IF EXISTS f;", want: "ddl DROP FUNCTION | drop function f IF EXISTS@1:15 @1:1-1:26"},
		{src: "DROP TRIGGER db.tr;", want: `ddl DROP TRIGGER | drop trigger db.tr @1:1-1:19 fix@1:14+"IF EXISTS "`},
		{src: "DROP EVENT IF EXISTS e;", want: "ddl DROP EVENT | drop event e IF EXISTS@1:12 @1:1-1:23"},
		{src: "DROP SEQUENCE s;", want: "ddl DROP SEQUENCE | drop sequence s @1:1-1:16"},
		{src: "TRUNCATE TABLE t;", want: "ddl TRUNCATE TABLE | truncate table t @1:1-1:17"},
		{src: "TRUNCATE t2;", want: "ddl TRUNCATE | truncate table t2 @1:1-1:12"},

		// INSERT, UPDATE, DELETE
		{src: "INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b');", want: "dml INSERT INTO | insert table t @1:1-1:14 keys=id=1,name=a,id=2,name=b"},
		{src: "INSERT IGNORE INTO t (id) VALUES (3);", want: "dml INSERT INTO | insert table t INSERT IGNORE@1:8 @1:1-1:21 keys=id=3"},
		{src: "INSERT INTO t (id) VALUES (4) ON DUPLICATE KEY UPDATE id = id;", want: "dml INSERT INTO | insert table t ON DUPLICATE KEY UPDATE@1:31 @1:1-1:14 keys=id=4"},
		{src: "REPLACE INTO t (id) VALUES (5);", want: "dml REPLACE INTO | insert table t REPLACE INTO@1:1 @1:1-1:15 keys=id=5"},
		{src: "INSERT INTO t (id) SELECT 6 FROM dual WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = 6);", want: "dml INSERT INTO | insert table t WHERE NOT EXISTS@1:45 @1:1-1:14"},
		{src: "INSERT INTO t SET id = 7, name = 'x';", want: "dml INSERT INTO | insert table t @1:1-1:14 keys=id=7,name=x"},
		{src: "UPDATE t SET n = n + 1;", want: "dml UPDATE | update table t @1:1-1:9 selfref=n@1:14-1:23"},
		{src: "UPDATE t SET n = n + 1 WHERE n < 5;", want: "dml UPDATE | update table t WHERE on the rewritten column@1:24 @1:1-1:9 where selfref=n@1:14-1:23"},
		{src: "UPDATE t SET s = CONCAT(s, 'x') WHERE id = 1;", want: "dml UPDATE | update table t @1:1-1:9 where selfref=s@1:14-1:32"},
		{src: "UPDATE t SET s = LOWER(s), u = TRIM(u), v = COALESCE(v, 0);", want: "dml UPDATE | update table t @1:1-1:9"},
		{src: "UPDATE t SET a = 1, b = COALESCE(b, 0) * 2 WHERE id = 1;", want: "dml UPDATE | update table t @1:1-1:9 where selfref=b@1:21-1:43"},
		{src: "UPDATE LOW_PRIORITY t JOIN u ON t.id = u.id SET t.a = u.a;", want: "dml UPDATE | update table t @1:1-1:22"},
		{src: "DELETE FROM t WHERE id IN (1, 2) AND name = 'x';", want: "dml DELETE FROM | delete table t @1:1-1:14 where keys=id=1,id=2,name=x"},
		{src: "DELETE FROM t;", want: "dml DELETE FROM | delete table t @1:1-1:14"},
		{src: "DELETE t FROM t JOIN u ON t.id = u.id;", want: "dml DELETE | delete table t @1:1-1:16"},

		// Everything else
		{src: "CALL p(1);", want: "other CALL | exec p"},
		{src: "EXECUTE s;", want: "other EXECUTE | exec s"},
		{src: "PREPARE s FROM @q;", want: "other PREPARE"},
		{src: "DEALLOCATE PREPARE s;", want: "other DEALLOCATE PREPARE"},
		{src: "START TRANSACTION;", want: "transaction START TRANSACTION tx1"},
		{src: "BEGIN WORK;", want: "transaction BEGIN tx1"},
		{src: "COMMIT;", want: "transaction COMMIT tx2"},
		{src: "ROLLBACK;", want: "transaction ROLLBACK tx3"},
		{src: "ROLLBACK TO SAVEPOINT a;", want: "transaction ROLLBACK tx4"},
		{src: "RELEASE SAVEPOINT a;", want: "transaction RELEASE SAVEPOINT tx4"},
		{src: "SET FOREIGN_KEY_CHECKS = 0;", want: "other SET"},
		{src: "SELECT 1 UNION SELECT 2;", want: "other SELECT"},
		{src: "GRANT SELECT ON db.* TO 'u'@'%';", want: "other GRANT"},
		{src: "LOCK TABLES t WRITE;", want: "other LOCK TABLES"},
		{src: "ALTER DATABASE d CHARACTER SET utf8mb4;", want: "ddl ALTER DATABASE"},
	}
	for _, tt := range tests {
		d := model.MySQL
		if tt.mariadb {
			d = model.MariaDB
		}
		s := parse(t, tt.src, d)
		if len(s.Statements) != 1 {
			t.Errorf("%s: %d statements", tt.src, len(s.Statements))
			continue
		}
		if got := describe(s, s.Statements[0]); got != tt.want {
			t.Errorf("%s (%v)\n got: %s\nwant: %s", tt.src, d, got, tt.want)
		}
	}
}
