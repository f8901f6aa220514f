INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101, 1); -- want: bare-ledger-insert
INSERT INTO `schema_migrations` (`version`) VALUES ('20240101120000'); -- want: bare-ledger-insert
