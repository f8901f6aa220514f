-- DROP TABLE waits in the lock queue like any ALTER TABLE; a table
-- created in the file is nobody else's.
CREATE TABLE IF NOT EXISTS scratch (id int);
DROP TABLE IF EXISTS scratch; -- want: destructive-drop
DROP TABLE IF EXISTS items; -- want: missing-lock-timeout destructive-drop
