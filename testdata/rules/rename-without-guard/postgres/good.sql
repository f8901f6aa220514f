-- IF EXISTS on the renamed relation itself skips the second run.
ALTER TABLE IF EXISTS users RENAME TO accounts;
ALTER INDEX IF EXISTS users_name_idx RENAME TO accounts_name_idx;
ALTER TABLE IF EXISTS accounts SET SCHEMA archive;
