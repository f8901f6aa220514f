DROP TABLE old_orders; -- want: drop-without-if-exists destructive-drop
DROP INDEX idx_old ON orders; -- want: drop-without-if-exists
ALTER TABLE orders DROP FOREIGN KEY fk_old; -- want: drop-without-if-exists
ALTER TABLE orders DROP COLUMN legacy; -- want: drop-without-if-exists destructive-drop
DROP PROCEDURE cleanup; -- want: drop-without-if-exists
DROP VIEW order_view; -- want: drop-without-if-exists
