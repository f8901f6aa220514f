-- Runnable: --fix drops each object only while information_schema lists it
-- (MariaDB: IF EXISTS, and the check for DROP PRIMARY KEY, which has none).
CREATE TABLE IF NOT EXISTS fx_users (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS fx_orders (
    id int PRIMARY KEY, user_id int, legacy int, total int, note int,
    KEY fx_orders_note_idx (note), KEY fx_orders_total_idx (total),
    CONSTRAINT fx_orders_user_fk FOREIGN KEY (user_id) REFERENCES fx_users (id),
    CONSTRAINT fx_orders_total_chk CHECK (total >= 0));
ALTER TABLE fx_orders DROP FOREIGN KEY fx_orders_user_fk; -- want: drop-without-if-exists
ALTER TABLE fx_orders DROP CONSTRAINT fx_orders_total_chk; -- want: drop-without-if-exists
ALTER TABLE fx_orders DROP INDEX fx_orders_note_idx; -- want: drop-without-if-exists
DROP INDEX fx_orders_total_idx ON fx_orders; -- want: drop-without-if-exists
ALTER TABLE fx_orders DROP COLUMN legacy; -- want: drop-without-if-exists destructive-drop
ALTER TABLE fx_orders DROP PRIMARY KEY; -- want: drop-without-if-exists
