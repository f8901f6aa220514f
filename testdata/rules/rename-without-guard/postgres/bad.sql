ALTER TABLE users RENAME COLUMN name TO full_name; -- want: rename-without-guard
ALTER TABLE users RENAME TO accounts; -- want: rename-without-guard
ALTER INDEX users_name_idx RENAME TO users_full_name_idx; -- want: rename-without-guard
ALTER TABLE accounts RENAME CONSTRAINT users_pkey TO accounts_pkey; -- want: rename-without-guard
ALTER TABLE IF EXISTS accounts RENAME COLUMN email TO mail; -- want: rename-without-guard
ALTER TABLE accounts SET SCHEMA archive; -- want: rename-without-guard
