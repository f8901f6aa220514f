-- Two statements in one query run as one implicit transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id); -- want: concurrently-in-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_date_idx ON orders (created_at); -- want: concurrently-in-transaction
