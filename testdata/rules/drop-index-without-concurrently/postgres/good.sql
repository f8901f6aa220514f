SET lock_timeout = '5s';

DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;

-- The index's table was created in this file.
CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY, user_id bigint);
CREATE INDEX IF NOT EXISTS carts_user_idx ON carts (user_id);
DROP INDEX IF EXISTS carts_user_idx;
