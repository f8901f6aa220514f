SET lock_timeout = '5s';

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;

ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_pkey;
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;

-- A new table is empty.
CREATE TABLE IF NOT EXISTS carts (id bigint, code text);
ALTER TABLE carts DROP CONSTRAINT IF EXISTS carts_code_key;
ALTER TABLE carts ADD CONSTRAINT carts_code_key UNIQUE (code);
