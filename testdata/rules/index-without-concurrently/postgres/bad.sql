SET lock_timeout = '5s';

-- orders is not created in this file: it counts as an existing table.
CREATE INDEX IF NOT EXISTS orders_user_idx ON orders (user_id); -- want: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_key ON public.orders (ref); -- want: index-without-concurrently

REINDEX TABLE orders; -- want: index-without-concurrently
REINDEX INDEX orders_user_idx; -- want: index-without-concurrently

DO $$
BEGIN
    CREATE INDEX IF NOT EXISTS orders_day_idx ON orders (created_at); -- want: index-without-concurrently
END $$;
