-- Rebuild cycles that leave every name where a second run needs it: on the
-- second run orders is the new table and orders_old is gone again, so each
-- statement meets what it met the first time (this file runs twice on
-- PostgreSQL 15).

-- Rename to a backup, create anew, copy back, drop the backup.
ALTER TABLE orders RENAME TO orders_old;
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
INSERT INTO orders (id, total) SELECT id, total FROM orders_old;
DROP TABLE orders_old; -- want: destructive-drop

-- Build the new table beside the old one, then swap.
CREATE TABLE invoices_new (id bigint PRIMARY KEY, amount numeric(12, 2));
INSERT INTO invoices_new (id, amount) SELECT id, amount FROM invoices;
DROP TABLE invoices; -- want: destructive-drop
ALTER TABLE invoices_new RENAME TO invoices;

-- Rename away, build beside, swap in, drop the backup.
ALTER TABLE items RENAME TO items_old;
CREATE TABLE items_new (id bigint PRIMARY KEY, sku text NOT NULL);
INSERT INTO items_new (id, sku) SELECT id, sku FROM items_old;
ALTER TABLE items_new RENAME TO items;
DROP TABLE items_old; -- want: destructive-drop

-- The column swap: add the new column, copy, drop the old, rename the new.
ALTER TABLE payments ADD COLUMN amount_new numeric(12, 2);
UPDATE payments SET amount_new = amount::numeric WHERE amount IS NOT NULL;
ALTER TABLE payments DROP COLUMN amount; -- want: destructive-drop
ALTER TABLE payments RENAME COLUMN amount_new TO amount;

-- Or rename the old column away first.
ALTER TABLE refunds RENAME COLUMN reason TO reason_old;
ALTER TABLE refunds ADD COLUMN reason text;
UPDATE refunds SET reason = reason_old WHERE reason_old IS NOT NULL;
ALTER TABLE refunds DROP COLUMN reason_old; -- want: destructive-drop

-- The columns of the table a cycle creates are those its CREATE lists.
ALTER TABLE shipments RENAME TO shipments_old;
CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text);
ALTER TABLE shipments ADD COLUMN tracking text;
INSERT INTO shipments (id, carrier) SELECT id, carrier FROM shipments_old;
DROP TABLE shipments_old; -- want: destructive-drop
