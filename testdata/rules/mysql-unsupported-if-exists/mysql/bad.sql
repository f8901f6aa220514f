ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20); -- want: mysql-unsupported-if-exists
ALTER TABLE orders DROP COLUMN IF EXISTS legacy; -- want: mysql-unsupported-if-exists destructive-drop
CREATE INDEX IF NOT EXISTS idx_status ON orders (status); -- want: mysql-unsupported-if-exists
ALTER TABLE orders DROP INDEX IF EXISTS idx_old; -- want: mysql-unsupported-if-exists
