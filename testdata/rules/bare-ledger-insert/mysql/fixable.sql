-- Runnable: --fix writes INSERT IGNORE where the ledger's unique key is in
-- the row (schema_migrations: version), else WHERE NOT EXISTS the same
-- migration (goose keys its ledger on an AUTO_INCREMENT id only).
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE IF NOT EXISTS goose_db_version (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version_id bigint NOT NULL, is_applied tinyint(1) NOT NULL, tstamp timestamp NULL);
INSERT INTO schema_migrations (version) VALUES ('20240101120000'); -- want: bare-ledger-insert mysql-mixed-ddl
INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101120000, 1); -- want: bare-ledger-insert
