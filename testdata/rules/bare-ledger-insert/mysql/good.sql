INSERT IGNORE INTO goose_db_version (version_id, is_applied) VALUES (20240101, 1);
INSERT INTO schema_migrations (version) VALUES ('20240101120000') ON DUPLICATE KEY UPDATE version = version;
