-- --fix takes MariaDB's words out and guards each statement with an
-- information_schema check and PREPARE, which MySQL runs.
CREATE TABLE IF NOT EXISTS fx_orders (id int, status int, legacy int, KEY fx_orders_old_idx (legacy));
SET @fx_setup = IF((SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = DATABASE() AND table_name = 'fx_b') = 0,
  'CREATE TABLE IF NOT EXISTS fx_a (id int)', 'DO 0');
PREPARE fx_setup FROM @fx_setup;
EXECUTE fx_setup;
DEALLOCATE PREPARE fx_setup;
ALTER TABLE fx_orders ADD COLUMN IF NOT EXISTS note int; -- want: mysql-unsupported-if-exists
CREATE INDEX IF NOT EXISTS fx_orders_status_idx ON fx_orders (status); -- want: mysql-unsupported-if-exists
ALTER TABLE fx_orders DROP INDEX IF EXISTS fx_orders_old_idx; -- want: mysql-unsupported-if-exists
RENAME TABLE IF EXISTS fx_a TO fx_b; -- want: mysql-unsupported-if-exists
