-- migrate:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON orders (a); -- want: concurrently-in-transaction
VACUUM ANALYZE orders; -- want: concurrently-in-transaction

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS a_idx;
