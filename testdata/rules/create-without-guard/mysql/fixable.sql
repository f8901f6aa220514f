-- Runnable: --fix creates each index only when information_schema.statistics
-- does not list it (MariaDB: IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS fx_orders (id int, status int, created_at datetime);
CREATE INDEX fx_orders_status_idx ON fx_orders (status); -- want: create-without-guard
ALTER TABLE fx_orders ADD INDEX fx_orders_created_idx (created_at); -- want: create-without-guard
