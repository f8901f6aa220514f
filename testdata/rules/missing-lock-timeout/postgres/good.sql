BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
COMMIT;

-- Weaker locks than SHARE do not block writes.
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.1, fillfactor = 90);
