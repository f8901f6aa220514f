-- MariaDB names a foreign key added without a name <table>_ibfk_<n> too.
-- DROP FOREIGN KEY IF EXISTS of that name before adding the key again is a
-- drop and re-create: every run ends with orders_ibfk_1 (checked on MariaDB
-- 10.11).
ALTER TABLE orders DROP FOREIGN KEY IF EXISTS orders_ibfk_1;
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);

-- DROP CONSTRAINT IF EXISTS drops a foreign key too; the name keeps the
-- table's case.
ALTER TABLE Items DROP CONSTRAINT IF EXISTS Items_ibfk_1;
ALTER TABLE Items ADD CONSTRAINT FOREIGN KEY (order_id) REFERENCES orders (id);
