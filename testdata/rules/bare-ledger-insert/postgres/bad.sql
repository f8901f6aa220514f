INSERT INTO schema_migrations (version) VALUES ('20240101120000'); -- want: bare-ledger-insert
INSERT INTO public.goose_db_version (version_id, is_applied) VALUES (7, true); -- want: bare-ledger-insert
INSERT INTO sqitch.changes (change_id) VALUES ('abc'); -- want: bare-ledger-insert
