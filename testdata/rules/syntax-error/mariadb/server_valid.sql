-- Valid MariaDB that the parser reads through rewrites: never a
-- syntax-error, and what the statements do is still linted.
CREATE TABLE IF NOT EXISTS scores (
    id INT NOT NULL,
    rank INT,
    doc JSON DEFAULT (('{}')),
    ip INET6,
    starts DATE,
    ends DATE,
    row_start TIMESTAMP(6) GENERATED ALWAYS AS ROW START,
    row_end TIMESTAMP(6) GENERATED ALWAYS AS ROW END,
    PERIOD FOR SYSTEM_TIME (row_start, row_end),
    PERIOD FOR valid (starts, ends),
    UNIQUE (id, valid WITHOUT OVERLAPS),
    INDEX (rank) IGNORED
) WITH SYSTEM VERSIONING;
ALTER TABLE scores NOWAIT ADD COLUMN window INT; -- want: add-column-without-guard
ALTER ONLINE TABLE scores ADD COLUMN IF NOT EXISTS lag INT, ALGORITHM=NOCOPY;
SET STATEMENT foreign_key_checks = 0 FOR ALTER TABLE scores ADD COLUMN note TEXT; -- want: add-column-without-guard
ALTER TABLE scores ALTER INDEX rank NOT IGNORED;
DELETE FROM scores WHERE id = 0 RETURNING id; -- want: mysql-mixed-ddl
DELETE FROM scores FOR PORTION OF valid FROM '2020-01-01' TO '2021-01-01' WHERE id = 1;
SELECT * FROM scores FOR SYSTEM_TIME ALL WHERE rank SOUNDS LIKE 'abc';
SELECT NEXT VALUE FOR seq, PREVIOUS VALUE FOR seq;
SELECT CAST(rank AS INTEGER), MEDIAN(rank) OVER () FROM scores ORDER BY id OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY;
CREATE USER IF NOT EXISTS app IDENTIFIED VIA ed25519 USING PASSWORD('secret');
GRANT SELECT ON app.* TO app;
CREATE DATABASE IF NOT EXISTS app COMMENT 'the app';
DELIMITER $$
CREATE OR REPLACE PROCEDURE fill_scores()
BEGIN
    FOR i IN 1..3 DO
        INSERT IGNORE INTO scores (id) VALUES (i);
    END FOR;
END$$
DELIMITER ;
LOCK TABLES scores WRITE WAIT 5;
UNLOCK TABLES;
