ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;

ALTER TABLE orders
    ADD COLUMN IF NOT EXISTS paid_at timestamptz,
    ADD IF NOT EXISTS note text;

-- Dropped first in the same section: a second run drops and adds again.
ALTER TABLE orders DROP COLUMN IF EXISTS legacy; -- want: destructive-drop
ALTER TABLE orders ADD COLUMN legacy int;

-- Columns declared in CREATE TABLE are part of the table's own guard.
CREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY, total numeric);
