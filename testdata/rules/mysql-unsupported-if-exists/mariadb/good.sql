ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);
ALTER TABLE orders DROP COLUMN IF EXISTS legacy; -- want: destructive-drop
CREATE INDEX IF NOT EXISTS idx_status ON orders (status);
ALTER TABLE orders DROP INDEX IF EXISTS idx_old;
