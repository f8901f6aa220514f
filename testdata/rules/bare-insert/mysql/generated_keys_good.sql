-- A unique key the row supplies: the guard meets the earlier row.
CREATE TABLE IF NOT EXISTS roles (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    UNIQUE KEY roles_name (name)
);
INSERT IGNORE INTO roles (name) VALUES ('admin');
INSERT INTO roles (name) VALUES ('owner') ON DUPLICATE KEY UPDATE name = VALUES(name);

-- The AUTO_INCREMENT key given explicitly.
CREATE TABLE IF NOT EXISTS teams (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50));
INSERT IGNORE INTO teams (id, name) VALUES (1, 'core');
REPLACE INTO teams VALUES (2, 'ops');

-- Keys not known: a table this file does not create, or copies.
INSERT IGNORE INTO users (name) VALUES ('root');
CREATE TABLE IF NOT EXISTS roles_archive LIKE roles;
INSERT IGNORE INTO roles_archive (name) VALUES ('admin');
