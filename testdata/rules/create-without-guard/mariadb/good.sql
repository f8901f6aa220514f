CREATE OR REPLACE TABLE scratch_totals (id int); -- want: destructive-drop
CREATE INDEX IF NOT EXISTS idx_orders_user ON orders (user_id);
ALTER TABLE orders ADD INDEX IF NOT EXISTS idx_orders_date (created_at);
