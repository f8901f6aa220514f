-- The only unique key is AUTO_INCREMENT and the INSERT leaves it out:
-- INSERT IGNORE, ON DUPLICATE KEY UPDATE and REPLACE never meet a
-- duplicate, and every run adds the rows again.
CREATE TABLE IF NOT EXISTS roles (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
INSERT IGNORE INTO roles (name) VALUES ('admin'); -- want: bare-insert mysql-mixed-ddl
INSERT INTO roles (name) VALUES ('owner') ON DUPLICATE KEY UPDATE name = VALUES(name); -- want: bare-insert
REPLACE INTO roles (name) VALUES ('viewer'); -- want: bare-insert
INSERT IGNORE INTO roles VALUES (NULL, 'guest'); -- want: bare-insert
INSERT IGNORE INTO roles (id, name) VALUES (DEFAULT, 'auditor'); -- want: bare-insert

CREATE TABLE IF NOT EXISTS tokens (
    uid CHAR(36) NOT NULL DEFAULT (UUID()),
    label VARCHAR(50),
    PRIMARY KEY (uid)
);
INSERT IGNORE INTO tokens (label) VALUES ('ci'); -- want: bare-insert

CREATE TABLE IF NOT EXISTS audit_log (at DATETIME, what VARCHAR(100));
INSERT IGNORE INTO audit_log (at, what) VALUES ('2024-01-01 00:00:00', 'seeded'); -- want: bare-insert
