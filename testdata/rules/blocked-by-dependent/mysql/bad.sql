-- A table dropped and made again while a table made further on references
-- it: the second run's DROP TABLE meets that foreign key (MySQL 3730;
-- testdata/verify/mariadb/blocked_drops runs the shapes on MariaDB).
DROP TABLE IF EXISTS users; -- want: blocked-by-dependent destructive-drop
CREATE TABLE users (id INT PRIMARY KEY);
DROP TABLE IF EXISTS orders; -- want: destructive-drop
CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id));

-- A foreign key added later.
DROP TABLE IF EXISTS regions; -- want: blocked-by-dependent destructive-drop
CREATE TABLE regions (id INT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS offices (id INT PRIMARY KEY, region_id INT);
ALTER TABLE offices ADD CONSTRAINT offices_region FOREIGN KEY (region_id) REFERENCES regions (id); -- want: add-constraint-without-guard

-- Checks turned back on before the DROP.
SET FOREIGN_KEY_CHECKS = 0;
SET FOREIGN_KEY_CHECKS = 1;
DROP TABLE IF EXISTS teams; -- want: blocked-by-dependent destructive-drop
CREATE TABLE teams (id INT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS members (id INT PRIMARY KEY, team_id INT, FOREIGN KEY (team_id) REFERENCES teams (id));
