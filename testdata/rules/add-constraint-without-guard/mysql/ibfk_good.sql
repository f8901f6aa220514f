-- MySQL names a foreign key added without a name <table>_ibfk_<n>. Dropping
-- that name (when information_schema says it exists) right before adding
-- the key again is a drop and re-create: every run ends with orders_ibfk_1.
SET @fk = (SELECT COUNT(*) FROM information_schema.table_constraints
    WHERE table_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_ibfk_1');
SET @ddl = IF(@fk > 0, 'ALTER TABLE orders DROP FOREIGN KEY orders_ibfk_1', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);

-- Two keys: each drop pairs with one unnamed ADD of the same table.
SET @fk = (SELECT COUNT(*) FROM information_schema.table_constraints
    WHERE table_schema = DATABASE() AND table_name = 'items' AND constraint_name = 'items_ibfk_1');
SET @ddl = IF(@fk > 0, 'ALTER TABLE items DROP FOREIGN KEY items_ibfk_1', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
SET @fk = (SELECT COUNT(*) FROM information_schema.table_constraints
    WHERE table_schema = DATABASE() AND table_name = 'items' AND constraint_name = 'items_ibfk_2');
SET @ddl = IF(@fk > 0, 'ALTER TABLE items DROP FOREIGN KEY items_ibfk_2', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE items ADD CONSTRAINT FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE items ADD FOREIGN KEY (part_id) REFERENCES parts (id);
