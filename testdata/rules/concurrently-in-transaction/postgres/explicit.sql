BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx -- want: concurrently-in-transaction
    ON orders (user_id);
COMMIT;

-- Outside the transaction block it is fine in a plain file.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);
REINDEX INDEX CONCURRENTLY orders_created_idx;
VACUUM orders;
