package mysql

import (
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestNested checks nested statements (prepared strings, routine bodies)
// at their real positions, with the predicates that guard them.
func TestNested(t *testing.T) {
	tests := []struct {
		name    string
		mariadb bool
		src     string
		want    string
	}{
		{"prepared string chosen by IF over a count", false, `SET @s := IF((SELECT COUNT(*) FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') = 0,
  'ALTER TABLE orders ADD COLUMN status INT',
  'SELECT 1');
PREPARE st FROM @s;
EXECUTE st;
DEALLOCATE PREPARE st;
`, `1:1-4:15 other SET
    3:4-3:44 ddl ALTER TABLE | add column orders.status @3:23-3:44
      guard choice column orders.status absent @1:14-2:92
    4:4-4:12 other SELECT
      guard choice column orders.status exists @1:14-2:92
5:1-5:20 other PREPARE
6:1-6:12 other EXECUTE | exec st
7:1-7:23 other DEALLOCATE PREPARE
`},
		{"SELECT IF in a scalar subquery, DDL in the else branch", false, `SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'Emoji'
        AND table_schema = DATABASE()
        AND index_name = 'idx_emoji_name'
    ) > 0,
    'DROP INDEX idx_emoji_name ON Emoji;',
    'SELECT 1'
));
PREPARE removeIndexIfExists FROM @preparedStatement;
`, `1:1-10:4 other SET
    8:6-8:41 ddl DROP INDEX | drop index Emoji.idx_emoji_name @8:6-8:40
      guard choice index Emoji.idx_emoji_name exists @2:5-7:10
    9:6-9:14 other SELECT
      guard choice index Emoji.idx_emoji_name absent @2:5-7:10
11:1-11:53 other PREPARE
`},
		{"SELECT IF(EXISTS ...) INTO a variable", false, `SELECT IF(EXISTS(SELECT 1 FROM information_schema.tables WHERE table_name = 'x'), 'SELECT ''exists''', 'CREATE TABLE x (a INT)') INTO @q;
PREPARE p FROM @q;
`, `1:1-1:138 other SELECT
    1:84-1:101 other SELECT
      guard choice table x exists @1:11-1:81
    1:105-1:127 ddl CREATE TABLE | create table x @1:105-1:119 fix@1:118+"IF NOT EXISTS "
      guard choice table x absent @1:11-1:81
2:1-2:19 other PREPARE
`},
		{"a count kept in a variable", false, `SET @n = (SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_name = 't' AND constraint_name = 'fk1');
SET @q2 = IF(@n > 0, 'ALTER TABLE t DROP FOREIGN KEY fk1', 'SELECT 1');
PREPARE p2 FROM @q2;
`, `1:1-1:121 other SET
2:1-2:72 other SET
    2:23-2:57 ddl ALTER TABLE | drop constraint t.fk1 @2:37-2:57
      guard choice constraint t.fk1 exists @2:14-2:20
    2:61-2:69 other SELECT
      guard choice constraint t.fk1 absent @2:14-2:20
3:1-3:21 other PREPARE
`},
		{"unknown conditions, CASE, escapes, literals never prepared", false, `SET @q = IF(@missing > 0, 'DROP TABLE x', 'SELECT 1');
PREPARE s FROM @q;
SET @q = CASE WHEN (SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'a') < 1 THEN 'ALTER TABLE t ADD a INT' WHEN 1 THEN 'SELECT 2' ELSE 'SELECT 1' END;
PREPARE s FROM @q;
SET @q = 'ALTER TABLE t\nADD COLUMN x INT DEFAULT ''y''';
PREPARE s FROM @q;
SET @msg = IF(1, 'yes', 'no');
SET @q = 'ALTER TABLE t ADD COLUMN y INT';
SET @q = 'SELECT 1';
PREPARE s FROM @q;
PREPARE s2 FROM 'ALTER TABLE t ADD COLUMN z INT';
`, `1:1-1:55 other SET
    1:28-1:40 ddl DROP TABLE | drop table x @1:28-1:40 fix@1:39+"IF EXISTS "
      guard choice unknown @1:13-1:25
    1:44-1:52 other SELECT
      guard choice unknown @1:13-1:25
2:1-2:19 other PREPARE
3:1-3:193 other SET
    3:125-3:148 ddl ALTER TABLE | add column t.a @3:139-3:148
      guard choice column t.a absent @3:20-3:118
    3:163-3:171 other SELECT
      guard choice column t.a exists @3:20-3:118
      guard choice unknown @3:155-3:156
    3:179-3:187 other SELECT
      guard choice column t.a exists @3:20-3:118
      guard choice unknown @3:155-3:156
4:1-4:19 other PREPARE
5:1-5:58 other SET
    5:11-5:56 ddl ALTER TABLE | add column t.x @5:26-5:56
6:1-6:19 other PREPARE
7:1-7:31 other SET
8:1-8:43 other SET
9:1-9:21 other SET
    9:11-9:19 other SELECT
10:1-10:19 other PREPARE
11:1-11:50 other PREPARE
    11:18-11:48 ddl ALTER TABLE | add column t.z @11:32-11:48
`},
		{"procedure body: conditions, ELSEIF, ELSE, handlers, loops", false, `DELIMITER $$
CREATE PROCEDURE p()
BEGIN
  DECLARE n INT DEFAULT 0;
  DECLARE dup CONDITION FOR SQLSTATE '42S21';
  DECLARE CONTINUE HANDLER FOR dup, 1061 BEGIN END;
  IF NOT EXISTS (SELECT * FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't' AND column_name = 'c') THEN
    ALTER TABLE t ADD COLUMN c INT;
  ELSEIF (SELECT COUNT(*) FROM information_schema.statistics WHERE table_name = 't' AND index_name = 'i') = 0 THEN
    CREATE INDEX i ON t (c);
  ELSE
    ALTER TABLE t DROP COLUMN c;
  END IF;
  SELECT COUNT(*) INTO n FROM information_schema.tables WHERE table_name = 'u';
  IF n > 0 THEN
    SET @s = IF(n = 1, 'DROP TABLE u', 'SELECT 1');
    PREPARE st FROM @s;
  END IF;
  WHILE n > 0 DO
    SELECT COUNT(*) INTO n FROM information_schema.tables WHERE table_name = 'w';
  END WHILE;
  IF n = 0 THEN
    DROP TABLE w;
  END IF;
  CASE WHEN n IS NULL THEN SELECT 1; ELSE SELECT 2; END CASE;
END $$
DELIMITER ;
`, `2:1-26:7 ddl CREATE PROCEDURE | create procedure p @2:1-2:19 fix@2:18+"IF NOT EXISTS "
  routine procedure p anonymous=false read=true
    4:3-4:27 other DECLARE
    5:3-5:46 other DECLARE
    6:3-6:41 other DECLARE
    8:5-8:36 ddl ALTER TABLE | add column t.c @8:19-8:35
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard if column t.c absent @7:6-7:134
    10:5-10:29 ddl CREATE INDEX | create index t.i @10:5-10:19
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard else column t.c exists @7:6-7:134
      guard if index t.i absent @9:10-9:110
    12:5-12:33 ddl ALTER TABLE | drop column t.c @12:19-12:32
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard else column t.c exists @7:6-7:134
      guard else index t.i exists @9:10-9:110
    14:3-14:80 other SELECT
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
    16:5-16:52 other SET
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard if table u exists @15:6-15:11
        16:25-16:37 ddl DROP TABLE | drop table u @16:25-16:37 fix@16:36+"IF EXISTS "
          guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
          guard if table u exists @15:6-15:11
          guard choice table u exists @16:17-16:22
        16:41-16:49 other SELECT
          guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
          guard if table u exists @15:6-15:11
          guard choice table u absent @16:17-16:22
    17:5-17:24 other PREPARE
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard if table u exists @15:6-15:11
    20:5-20:82 other SELECT
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
    23:5-23:18 ddl DROP TABLE | drop table w @23:5-23:17 fix@23:16+"IF EXISTS "
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard if unknown @22:6-22:11
    25:28-25:37 other SELECT
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard if unknown @25:13-25:22
    25:43-25:52 other SELECT
      guard handler catches=dup (SQLSTATE '42S21'), 1061 @6:3-6:41
      guard else unknown @25:13-25:22
`},
		{"triggers, functions, events and anonymous blocks", true, `CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;
CREATE OR REPLACE FUNCTION f() RETURNS INT RETURN 1;
CREATE EVENT IF NOT EXISTS e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE a < 0;
BEGIN NOT ATOMIC
  DECLARE EXIT HANDLER FOR SQLEXCEPTION ROLLBACK;
  IF (SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 't') >= 1 THEN
    ALTER TABLE t ADD COLUMN d INT;
  END IF;
END;
`, `1:1-1:66 ddl CREATE TRIGGER | create trigger t.trg @1:1-1:19 fix@1:7+" OR REPLACE"
  routine trigger t.trg anonymous=false read=true
    1:52-1:65 other SET
2:1-2:53 ddl CREATE FUNCTION | create function f OR REPLACE@2:8 @2:1-2:29
  routine function f anonymous=false read=true
    2:44-2:52 other RETURN
3:1-3:83 ddl CREATE EVENT | create event e IF NOT EXISTS@3:14 @3:1-3:29
  routine event e anonymous=false read=true
    3:57-3:82 dml DELETE FROM | delete table t @3:57-3:70 where
4:1-9:5 other BEGIN NOT ATOMIC
  routine   anonymous=true read=true
    5:3-5:40 other DECLARE
    5:41-5:50 transaction ROLLBACK tx3
    7:5-7:36 ddl ALTER TABLE | add column t.d @7:19-7:35 fix@7:30+"IF NOT EXISTS "
      guard handler catches=SQLEXCEPTION @5:3-5:40
      guard if table t exists @6:6-6:82
`},
		{"EXECUTE IMMEDIATE a literal or a variable", true, `EXECUTE IMMEDIATE 'ALTER TABLE t ADD c INT';
SET @q = IF(1, 'DROP TABLE x', 'SELECT 1');
EXECUTE IMMEDIATE @q;
`, `1:1-1:45 other EXECUTE
    1:20-1:43 ddl ALTER TABLE | add column t.c @1:34-1:43 fix@1:38+"IF NOT EXISTS "
2:1-2:44 other SET
    2:17-2:29 ddl DROP TABLE | drop table x @2:17-2:29 fix@2:28+"IF EXISTS "
      guard choice unknown @2:13-2:14
    2:33-2:41 other SELECT
      guard choice unknown @2:13-2:14
3:1-3:22 other EXECUTE
`},
		{"SELECT IF over a count in the same query", false, `SET @q = (SELECT IF(COUNT(*) > 0, 'SELECT 1', 'ALTER TABLE t ADD INDEX i (a)') FROM information_schema.statistics WHERE table_name = 't' AND index_name = 'i');
PREPARE s FROM @q;
`, `1:1-1:160 other SET
    1:36-1:44 other SELECT
      guard choice index t.i exists @1:21-1:33
    1:48-1:77 ddl ALTER TABLE | create index t.i @1:62-1:77
      guard choice index t.i absent @1:21-1:33
2:1-2:19 other PREPARE
`},
		{"a variable set in branches, prepared after them", false, `CREATE PROCEDURE p() BEGIN
  SET @s = 'SELECT 1';
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c') THEN
    SET @s = 'ALTER TABLE t ADD COLUMN c INT';
  ELSE
    SET @s = 'ALTER TABLE t MODIFY c BIGINT';
  END IF;
  PREPARE st FROM @s;
  EXECUTE st;
  SET @s = 'DROP TABLE z';
  PREPARE st FROM @s;
END;
`, `1:1-12:5 ddl CREATE PROCEDURE | create procedure p @1:1-1:19 fix@1:18+"IF NOT EXISTS "
  routine procedure p anonymous=false read=true
    2:3-2:23 other SET
        2:13-2:21 other SELECT
    4:5-4:47 other SET
      guard if column t.c absent @3:6-3:104
        4:15-4:45 ddl ALTER TABLE | add column t.c @4:29-4:45
          guard if column t.c absent @3:6-3:104
    6:5-6:46 other SET
      guard else column t.c exists @3:6-3:104
        6:15-6:44 ddl ALTER TABLE
          guard else column t.c exists @3:6-3:104
    8:3-8:22 other PREPARE
    9:3-9:14 other EXECUTE | exec st
    10:3-10:27 other SET
        10:13-10:25 ddl DROP TABLE | drop table z @10:13-10:25 fix@10:24+"IF EXISTS "
    11:3-11:22 other PREPARE
`},
		{"names held in variables, COLLATE, parameters", false, `SET @dbname = DATABASE();
SET @tablename = "users";
SET @columnname = "email";
SET @preparedStatement = (SELECT IF(
  (
    SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
    WHERE
      (table_name = @tablename)
      AND (table_schema = @dbname)
      AND (column_name = @columnname)
  ) > 0,
  "SELECT 1",
  "ALTER TABLE users ADD COLUMN email VARCHAR(255) AFTER domain"
));
PREPARE alterIfNotExists FROM @preparedStatement;
CREATE PROCEDURE p(IN tbl TEXT) BEGIN
  DECLARE col VARCHAR(64) DEFAULT 'c';
  IF NOT EXISTS (SELECT * FROM information_schema.columns WHERE ` + "`" + `table_schema` + "`" + ` COLLATE utf8_unicode_ci = DATABASE() AND table_name = 't' AND column_name COLLATE utf8_unicode_ci = col) THEN
    ALTER TABLE t ADD COLUMN c INT;
  END IF;
  IF NOT EXISTS (SELECT * FROM information_schema.columns WHERE table_name = tbl AND column_name = 'd') THEN
    ALTER TABLE t ADD COLUMN d INT;
  END IF;
END;
`, `1:1-1:26 other SET
2:1-2:26 other SET
3:1-3:27 other SET
4:1-14:4 other SET
    12:4-12:12 other SELECT
      guard choice column users.email exists @5:3-11:8
    13:4-13:64 ddl ALTER TABLE | add column users.email @13:22-13:64
      guard choice column users.email absent @5:3-11:8
15:1-15:50 other PREPARE
16:1-24:5 ddl CREATE PROCEDURE | create procedure p @16:1-16:19 fix@16:18+"IF NOT EXISTS "
  routine procedure p anonymous=false read=true
    17:3-17:39 other DECLARE
    19:5-19:36 ddl ALTER TABLE | add column t.c @19:19-19:35
      guard if column t.c absent @18:6-18:184
    22:5-22:36 ddl ALTER TABLE | add column t.d @22:19-22:35
      guard if column (name not known statically) absent @21:6-21:104
`},
		{"CONCAT of literals and constant variables, adjacent literals", false, `SET @tablename = "actions";
SET @columnname = "is_deleted";
SET @preparedStatement = (SELECT IF(
        (
            SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
            WHERE
                (table_name = @tablename)
                AND (table_schema = DATABASE())
                AND (column_name = @columnname)
        ) > 0,
        "SELECT 1",
        CONCAT("ALTER TABLE ", @tablename,
               " ADD ", @columnname, " TINYINT(1) NOT NULL DEFAULT '0'")
    )
);
PREPARE alterIfNotExists FROM @preparedStatement;
SET @q = 'ALTER TABLE t ' 'ADD COLUMN z INT';
PREPARE s FROM @q;
SET @q = CONCAT('ALTER TABLE ', @unknown, ' ADD c INT');
PREPARE s FROM @q;
`, `1:1-1:28 other SET
2:1-2:32 other SET
3:1-15:3 other SET
    11:10-11:18 other SELECT
      guard choice column actions.is_deleted exists @4:9-10:14
    12:17-13:71 ddl ALTER TABLE | add column actions.is_deleted @13:18-13:71
      guard choice column actions.is_deleted absent @4:9-10:14
16:1-16:50 other PREPARE
17:1-17:46 other SET
    17:11-17:44 ddl ALTER TABLE | add column t.z @17:28-17:44
18:1-18:19 other PREPARE
19:1-19:57 other SET
20:1-20:19 other PREPARE
`},
		{"functions, cursors, NOT FOUND and re-raising handlers", false, `DELIMITER //
CREATE DEFINER=CURRENT_USER FUNCTION f(x INT) RETURNS INT DETERMINISTIC READS SQL DATA
BEGIN
  DECLARE r INT DEFAULT 0;
  SET r = (SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c');
  IF r = 0 THEN RETURN 1; END IF;
  RETURN r;
END//
CREATE PROCEDURE cur()
BEGIN
  DECLARE done INT DEFAULT FALSE;
  DECLARE a CHAR(16);
  DECLARE c1 CURSOR FOR SELECT id FROM t1;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  OPEN c1;
  read_loop: LOOP
    FETCH c1 INTO a;
    IF done THEN
      LEAVE read_loop;
    END IF;
    INSERT INTO t2 VALUES (a);
  END LOOP;
  CLOSE c1;
END//
DELIMITER ;
`, `2:1-8:6 ddl CREATE FUNCTION | create function f @2:1-2:39 fix@2:38+"IF NOT EXISTS "
  routine function f anonymous=false read=true
    4:3-4:27 other DECLARE
    5:3-5:106 other SET
    6:17-6:26 other RETURN
      guard if column t.c absent @6:6-6:11
    7:3-7:12 other RETURN
9:1-25:6 ddl CREATE PROCEDURE | create procedure cur @9:1-9:21 fix@9:18+"IF NOT EXISTS "
  routine procedure cur anonymous=false read=true
    11:3-11:34 other DECLARE
    12:3-12:22 other DECLARE
    13:3-13:43 other DECLARE
    14:3-14:41 other DECLARE
    14:42-14:58 other SET
    15:3-15:40 other DECLARE
    15:47-15:56 transaction ROLLBACK tx3
    15:57-15:66 other RESIGNAL
    16:3-16:11 other OPEN
    18:5-18:21 other FETCH
    20:7-20:23 other LEAVE
      guard if unknown @19:8-19:12
    22:5-22:31 dml INSERT INTO | insert table t2 @22:5-22:19
    24:3-24:12 other CLOSE
`},
		{"adjacent literals inside CONCAT", false, `SET @q = CONCAT('ALTER TABLE t ',
  'ADD COLUMN ' 'z INT');
PREPARE s FROM @q;
`, `1:1-2:26 other SET
    1:18-2:23 ddl ALTER TABLE | add column t.z @2:4-2:23
3:1-3:19 other PREPARE
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := model.MySQL
			if tt.mariadb {
				d = model.MariaDB
			}
			if got := tree(parse(t, tt.src, d)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
