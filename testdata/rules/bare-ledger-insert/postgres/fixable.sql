-- Runnable: --fix adds ON CONFLICT DO NOTHING where the ledger has a
-- unique key on the row, WHERE NOT EXISTS where it has none (goose).
CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);
CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL);
INSERT INTO schema_migrations (version) VALUES ('20240101120000'), ('20240102120000'); -- want: bare-ledger-insert
INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101, true); -- want: bare-ledger-insert
