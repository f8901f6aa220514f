-- Runnable: --fix renames each object only while information_schema lists
-- its old name (MariaDB: IF EXISTS). The tables renamed are made only
-- while the new names are missing, so that a second run does not make
-- them again.
SET @fx_setup = IF((SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = DATABASE() AND table_name = 'fx_people') = 0,
  'CREATE TABLE IF NOT EXISTS fx_persons (id int, name text, nick text, KEY fx_persons_name_idx (name(10)))', 'DO 0');
PREPARE fx_setup FROM @fx_setup;
EXECUTE fx_setup;
DEALLOCATE PREPARE fx_setup;
SET @fx_setup = IF((SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = DATABASE() AND table_name = 'fx_accounts') = 0,
  'CREATE TABLE IF NOT EXISTS fx_customers (id int)', 'DO 0');
PREPARE fx_setup FROM @fx_setup;
EXECUTE fx_setup;
DEALLOCATE PREPARE fx_setup;
ALTER TABLE fx_persons RENAME COLUMN name TO full_name; -- want: rename-without-guard
ALTER TABLE fx_persons CHANGE nick nickname text; -- want: rename-without-guard
ALTER TABLE fx_persons RENAME INDEX fx_persons_name_idx TO fx_persons_full_name_idx; -- want: rename-without-guard
RENAME TABLE fx_persons TO fx_people; -- want: rename-without-guard
ALTER TABLE fx_customers RENAME TO fx_accounts; -- want: rename-without-guard
