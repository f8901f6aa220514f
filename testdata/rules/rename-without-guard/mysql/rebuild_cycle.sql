-- Rebuild cycles that leave every name where a second run needs it: on the
-- second run orders is the new table and orders_old is gone again, so each
-- statement meets what it met the first time (this file runs twice on
-- MariaDB 10.11).

-- Rename to a backup, create anew, copy back, drop the backup.
RENAME TABLE orders TO orders_old;
CREATE TABLE orders (id BIGINT PRIMARY KEY, total DECIMAL(12, 2) NOT NULL);
INSERT INTO orders (id, total) SELECT id, total FROM orders_old;
DROP TABLE orders_old; -- want: destructive-drop

-- Build the new table beside the old one, then swap.
CREATE TABLE invoices_new (id BIGINT PRIMARY KEY, amount DECIMAL(12, 2));
INSERT INTO invoices_new (id, amount) SELECT id, amount FROM invoices;
DROP TABLE invoices; -- want: destructive-drop
ALTER TABLE invoices_new RENAME TO invoices;

-- Rename away, build beside, swap in, drop the backup.
ALTER TABLE items RENAME TO items_old;
CREATE TABLE items_new (id BIGINT PRIMARY KEY, sku VARCHAR(40) NOT NULL);
INSERT INTO items_new (id, sku) SELECT id, sku FROM items_old;
RENAME TABLE items_new TO items;
DROP TABLE items_old; -- want: destructive-drop

-- The column swap: add the new column, copy, drop the old, rename the new.
ALTER TABLE payments ADD COLUMN amount_new DECIMAL(12, 2);
UPDATE payments SET amount_new = CAST(amount AS DECIMAL(12, 2)) WHERE amount IS NOT NULL;
ALTER TABLE payments DROP COLUMN amount; -- want: destructive-drop
ALTER TABLE payments CHANGE amount_new amount DECIMAL(12, 2);

-- Or rename the old column away first.
ALTER TABLE refunds RENAME COLUMN reason TO reason_old;
ALTER TABLE refunds ADD COLUMN reason TEXT;
UPDATE refunds SET reason = reason_old WHERE reason_old IS NOT NULL;
ALTER TABLE refunds DROP COLUMN reason_old; -- want: destructive-drop

-- The columns of the table a cycle creates are those its CREATE lists.
RENAME TABLE shipments TO shipments_old;
CREATE TABLE shipments (id BIGINT PRIMARY KEY, carrier VARCHAR(40));
ALTER TABLE shipments ADD COLUMN tracking VARCHAR(40);
INSERT INTO shipments (id, carrier) SELECT id, carrier FROM shipments_old;
DROP TABLE shipments_old; -- want: destructive-drop
