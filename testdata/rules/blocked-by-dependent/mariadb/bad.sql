-- MariaDB 10.5+ makes a foreign key of a column's REFERENCES: the second
-- run's DROP TABLE meets it (1451).
DROP TABLE IF EXISTS regions; -- want: blocked-by-dependent destructive-drop
CREATE TABLE regions (id INT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS offices (id INT PRIMARY KEY, region_id INT REFERENCES regions (id));
