CREATE TABLE IF NOT EXISTS orders (
    id bigint NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TEMPORARY TABLE scratch (id int);
CREATE DATABASE IF NOT EXISTS shop;
SET @ddl = IF((SELECT COUNT(*) FROM information_schema.statistics
    WHERE table_schema = DATABASE() AND table_name = 'orders' AND index_name = 'idx_orders_user') > 0,
    'SELECT 1', 'CREATE INDEX idx_orders_user ON orders (user_id)');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
