-- The drop names another table's generated key: orders keeps its key and
-- the ADD makes a second one on every run.
SET @fk = (SELECT COUNT(*) FROM information_schema.table_constraints
    WHERE table_schema = DATABASE() AND table_name = 'items' AND constraint_name = 'items_ibfk_1');
SET @ddl = IF(@fk > 0, 'ALTER TABLE items DROP FOREIGN KEY items_ibfk_1', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id); -- want: add-constraint-without-guard

-- No drop at all.
ALTER TABLE payments ADD FOREIGN KEY (order_id) REFERENCES orders (id); -- want: add-constraint-without-guard

-- One drop, two unnamed keys: the second is added again on every run.
SET @fk = (SELECT COUNT(*) FROM information_schema.table_constraints
    WHERE table_schema = DATABASE() AND table_name = 'shipments' AND constraint_name = 'shipments_ibfk_1');
SET @ddl = IF(@fk > 0, 'ALTER TABLE shipments DROP FOREIGN KEY shipments_ibfk_1', 'SELECT 1');
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE shipments ADD FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE shipments ADD FOREIGN KEY (item_id) REFERENCES items (id); -- want: add-constraint-without-guard

