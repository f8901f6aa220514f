-- Valid MySQL 8.0 that the parser reads through rewrites: never a
-- syntax-error, and what the statements do is still linted.
CREATE TABLE IF NOT EXISTS settings (
    id BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID())),
    doc JSON DEFAULT (('{}')),
    due DATE DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR),
    g GEOMETRY NOT NULL SRID 4326,
    CONSTRAINT settings_due CHECK (due > '2000-01-01') NOT ENFORCED,
    INDEX ((lower(doc->>'$.name'))),
    PRIMARY KEY (id)
) COLLATE utf8mb4_0900_ai_ci;
ALTER TABLE settings ADD COLUMN tags JSON DEFAULT (('[]')); -- want: add-column-without-guard
ALTER TABLE settings ALTER COLUMN tags SET INVISIBLE;
ALTER TABLE settings RENAME COLUMN tags TO labels; -- want: rename-without-guard
ALTER TABLE settings CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
INSERT INTO settings (id) VALUES (1) AS new ON DUPLICATE KEY UPDATE id = new.id; -- want: mysql-mixed-ddl
SELECT * FROM (SELECT 1, 2) AS v (x, y);
SELECT CAST(g AS POINT), CAST(due AS DATETIME AT TIME ZONE 'UTC') FROM settings;
GRANT BINLOG_ADMIN ON *.* TO app;
GRANT reader, writer TO app WITH ADMIN OPTION;
CREATE USER IF NOT EXISTS app2 IDENTIFIED BY RANDOM PASSWORD DEFAULT ROLE reader PASSWORD HISTORY 5;
LOCK INSTANCE FOR BACKUP;
UNLOCK INSTANCE;
ALTER DATABASE app READ ONLY = 0;
