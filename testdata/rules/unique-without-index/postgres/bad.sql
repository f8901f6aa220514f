SET lock_timeout = '5s';

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- want: unique-without-index

ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_pkey;
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id); -- want: unique-without-index

-- A column added UNIQUE builds its index under the ALTER TABLE's lock.
ALTER TABLE users ADD COLUMN IF NOT EXISTS handle text UNIQUE; -- want: unique-without-index
