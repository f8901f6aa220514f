-- TRUNCATE empties the table on every run: the inserts after it write the
-- same rows each time, whatever stands between.
TRUNCATE TABLE countries; -- want: destructive-truncate
INSERT INTO countries (code, name) VALUES ('fr', 'France'); -- want: mysql-mixed-ddl
UPDATE settings SET value = 'eu' WHERE `key` = 'region';
INSERT INTO countries (code, name) VALUES ('de', 'Germany');

-- So does DELETE without WHERE.
DELETE FROM currencies; -- want: unbounded-delete
INSERT INTO settings (`key`, value) VALUES ('currency', 'eur'); -- want: bare-insert
INSERT INTO currencies (code) VALUES ('eur'), ('usd');

-- A DELETE of the keys inserted later, with other statements between.
DELETE FROM roles WHERE name IN ('admin', 'viewer');
INSERT INTO audit_log (message) VALUES ('seeding roles'); -- want: bare-insert
INSERT INTO roles (name, `rank`) VALUES ('admin', 1);
INSERT INTO roles (name, `rank`) VALUES ('viewer', 2);
INSERT INTO roles (name, `rank`) VALUES ('owner', 0); -- want: bare-insert

-- Several keyed DELETEs add up.
DELETE FROM plans WHERE code = 'free';
DELETE FROM plans WHERE code = 'pro';
INSERT INTO plans (code) VALUES ('free'), ('pro');

-- An UPDATE between may bring a deleted key back: every run adds a row.
DELETE FROM tiers WHERE code = 'gold';
UPDATE tiers SET code = 'gold' WHERE code = 'premium';
INSERT INTO tiers (code) VALUES ('gold'); -- want: bare-insert

-- So may rows the file cannot see.
DELETE FROM badges WHERE code = 'early';
UPDATE settings SET value = 'on' WHERE `key` = 'badges';
INSERT INTO badges (code) SELECT code FROM legacy_badges; -- want: bare-insert
INSERT INTO badges (code) VALUES ('early'); -- want: bare-insert
