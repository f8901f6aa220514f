ALTER TABLE accounts CHANGE COLUMN email email varchar(320);
SET @ddl = IF((SELECT COUNT(*) FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'name') > 0,
    'ALTER TABLE accounts RENAME COLUMN name TO full_name', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
