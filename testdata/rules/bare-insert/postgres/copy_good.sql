-- COPY TO reads; \copy to writes a client file.
COPY roles TO stdout;
COPY (SELECT name FROM roles) TO stdout;
\copy (SELECT * FROM roles) to 'out.csv'
\copy roles to 'out.csv' csv
\copyright
-- A table the section creates unguarded is empty whenever the load runs
-- again (a second run stops at the CREATE first).
CREATE TABLE seed (id int); -- want: create-without-guard
COPY seed FROM stdin;
1
\.
-- Load into a temporary table, then insert what is missing.
CREATE TEMP TABLE roles_seed (LIKE roles);
COPY roles_seed (name) FROM stdin;
admin
\.
INSERT INTO roles (name) SELECT name FROM roles_seed ON CONFLICT (name) DO NOTHING;
-- Empty the table first.
DELETE FROM roles; -- want: unbounded-delete
COPY roles (name) FROM '/srv/seed/roles.csv';
