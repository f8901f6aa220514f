DROP INDEX IF EXISTS orders_total_idx;
DROP VIEW IF EXISTS active_users;
DROP FUNCTION IF EXISTS refresh_totals();
DROP TRIGGER IF EXISTS orders_audit ON orders;
DROP POLICY IF EXISTS own_orders ON orders;
DROP TYPE IF EXISTS mood;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check;
