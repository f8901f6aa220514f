SET lock_timeout = '5s';

ALTER TABLE orders ALTER COLUMN status SET NOT NULL; -- want: set-not-null-without-check

-- A check added NOT VALID and never validated proves nothing.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_note_nn;
ALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE orders ALTER COLUMN note SET NOT NULL; -- want: set-not-null-without-check

-- A check on another column does not help.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_nn;
ALTER TABLE orders ADD CONSTRAINT orders_ref_nn CHECK (ref IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_ref_nn;
ALTER TABLE orders ALTER COLUMN code SET NOT NULL; -- want: set-not-null-without-check
