-- golang-migrate sends one statement on its own: no implicit transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);
