INSERT INTO schema_migrations (version) VALUES ('20240101120000') ON CONFLICT DO NOTHING;
INSERT INTO flyway_schema_history (installed_rank, version)
SELECT 1, '1' WHERE NOT EXISTS (SELECT 1 FROM flyway_schema_history WHERE installed_rank = 1);
-- Not a ledger: "changes" outside the sqitch schema.
INSERT INTO changes (id) VALUES (1) ON CONFLICT DO NOTHING;
