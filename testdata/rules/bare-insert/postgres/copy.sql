-- Every run of a COPY ... FROM loads the rows again.
COPY roles (name) FROM '/srv/seed/roles.csv' WITH (FORMAT csv); -- want: bare-insert
COPY public.roles FROM PROGRAM 'gzip -dc /srv/seed/roles.csv.gz'; -- want: bare-insert
copy roles from stdin; -- want: bare-insert
admin
\.
-- want-next: bare-insert
\copy roles (name) from 'roles.csv' with csv header
-- want-next: bare-insert
\copy roles from stdin
viewer
\.
-- want-next: bare-insert
\copy roles from program 'cat roles.csv'
