SET @ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE t ADD COLUMN b int', 'SELECT 1')
  FROM information_schema.columns
  WHERE table_schema = DATABASE() AND table_name = 't' AND column_name = 'b');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
