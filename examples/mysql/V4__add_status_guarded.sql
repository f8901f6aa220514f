SET @ddl = IF((SELECT COUNT(*) FROM information_schema.columns
               WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'channel') = 0,
              'ALTER TABLE orders ADD COLUMN channel varchar(20) NULL',
              'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;

UPDATE orders SET channel = 'web' WHERE channel IS NULL;
