-- Rebuild cycles that break on the second run: each statement that fails
-- there is reported (run twice on PostgreSQL 15, going on after errors).

-- The backup is kept: the second run's RENAME finds orders_old taken, and
-- the CREATE finds orders still there.
ALTER TABLE orders RENAME TO orders_old; -- want: rename-without-guard
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL); -- want: create-without-guard
INSERT INTO orders (id, total) SELECT id, total FROM orders_old;

-- The swap keeps the old table under another name: both renames fail on
-- the second run, which leaves invoices_new behind for the third run's
-- CREATE to fail on.
CREATE TABLE invoices_new (id bigint PRIMARY KEY, amount numeric(12, 2)); -- want: create-without-guard
INSERT INTO invoices_new (id, amount) SELECT id, amount FROM invoices;
ALTER TABLE invoices RENAME TO invoices_old; -- want: rename-without-guard
ALTER TABLE invoices_new RENAME TO invoices; -- want: rename-without-guard

-- A copy that is never swapped in: the CREATE, the INSERT (items is gone)
-- and the DROP fail.
CREATE TABLE items_v2 (id bigint PRIMARY KEY, sku text NOT NULL); -- want: create-without-guard
INSERT INTO items_v2 (id, sku) SELECT id, sku FROM items; -- want: uses-dropped-later
DROP TABLE items; -- want: drop-without-if-exists destructive-drop

-- The column swap that keeps the old column: both renames fail, and the
-- ADD fails on the third run.
ALTER TABLE payments ADD COLUMN amount_new numeric(12, 2); -- want: add-column-without-guard
UPDATE payments SET amount_new = amount::numeric WHERE amount IS NOT NULL;
ALTER TABLE payments RENAME COLUMN amount TO amount_old; -- want: rename-without-guard
ALTER TABLE payments RENAME COLUMN amount_new TO amount; -- want: rename-without-guard

-- A table made LIKE the backup copies the column the first run added: the
-- second run's ADD COLUMN fails.
ALTER TABLE parcels RENAME TO parcels_old;
CREATE TABLE parcels (LIKE parcels_old INCLUDING ALL);
ALTER TABLE parcels ADD COLUMN weight numeric; -- want: add-column-without-guard
INSERT INTO parcels SELECT * FROM parcels_old;
DROP TABLE parcels_old; -- want: destructive-drop
