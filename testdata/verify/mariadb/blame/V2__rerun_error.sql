INSERT IGNORE INTO settings (k, v) VALUES ('a', '1');
ALTER TABLE settings ADD COLUMN note text;
