INSERT IGNORE INTO roles (name) VALUES ('admin');
INSERT INTO roles (name) VALUES ('owner') ON DUPLICATE KEY UPDATE name = VALUES(name);
REPLACE INTO settings (k, v) VALUES ('theme', 'dark');
INSERT INTO settings (k, v)
SELECT 'lang', 'en' FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM settings WHERE k = 'lang');
DELETE FROM roles WHERE name = 'viewer';
INSERT INTO roles (name) VALUES ('viewer');
