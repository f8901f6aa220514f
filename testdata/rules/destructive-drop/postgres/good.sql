DROP INDEX IF EXISTS orders_total_idx;
DROP VIEW IF EXISTS active_users;
DROP FUNCTION IF EXISTS refresh_totals();
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check;
-- idemlint:ignore destructive-drop -- replaced by orders_v2 in 0041, nothing reads it
DROP TABLE IF EXISTS orders_v1;
