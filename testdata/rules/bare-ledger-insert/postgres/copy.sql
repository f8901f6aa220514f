-- pg_dump writes the migration ledger's rows as COPY data: loading them
-- again fails on the recorded versions.
COPY public.schema_migrations (version) FROM stdin; -- want: bare-ledger-insert
20240101120000
20240102120000
\.
