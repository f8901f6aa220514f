SET lock_timeout = '5s';

DROP INDEX IF EXISTS orders_user_idx; -- want: drop-index-without-concurrently
DROP INDEX IF EXISTS public.orders_ref_key, orders_day_idx; -- want: drop-index-without-concurrently

-- An index created here on an existing table: dropping it locks that table.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_tmp_idx ON orders (tmp);
DROP INDEX IF EXISTS orders_tmp_idx; -- want: drop-index-without-concurrently
