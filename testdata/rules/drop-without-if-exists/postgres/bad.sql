DROP TABLE old_orders; -- want: drop-without-if-exists destructive-drop
DROP INDEX orders_total_idx; -- want: drop-without-if-exists
DROP VIEW active_users; -- want: drop-without-if-exists
DROP FUNCTION refresh_totals(); -- want: drop-without-if-exists
DROP TRIGGER orders_audit ON orders; -- want: drop-without-if-exists
DROP POLICY own_orders ON orders; -- want: drop-without-if-exists
DROP TYPE mood; -- want: drop-without-if-exists
DROP EXTENSION pgcrypto; -- want: drop-without-if-exists
ALTER TABLE orders
    DROP CONSTRAINT orders_total_check, -- want: drop-without-if-exists
    DROP COLUMN legacy; -- want: drop-without-if-exists destructive-drop
