SET lock_timeout = '5s';

-- Old type not known: a type no widening ends in, or an explicit USING.
ALTER TABLE orders ALTER COLUMN total TYPE bigint; -- want: table-rewrite
ALTER TABLE orders ALTER COLUMN ref TYPE text USING ref::text; -- want: table-rewrite

ALTER TABLE orders ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid(); -- want: table-rewrite
ALTER TABLE orders ADD COLUMN IF NOT EXISTS jitter float8 NOT NULL DEFAULT random() * 10; -- want: table-rewrite
ALTER TABLE orders ADD COLUMN IF NOT EXISTS seq bigserial; -- want: table-rewrite
CREATE OR REPLACE FUNCTION make_slug() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS slug text NOT NULL DEFAULT make_slug(); -- want: table-rewrite
ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_cents bigint GENERATED ALWAYS AS (total * 100) STORED; -- want: table-rewrite

VACUUM FULL orders; -- want: table-rewrite
CLUSTER orders USING orders_pkey; -- want: table-rewrite
ALTER TABLE orders SET UNLOGGED; -- want: table-rewrite

-- The old type comes from this file: a table renamed into place is not new.
CREATE TABLE IF NOT EXISTS items_new (id bigint, code varchar(40));
ALTER TABLE IF EXISTS items RENAME TO items_old;
ALTER TABLE items_old ADD COLUMN IF NOT EXISTS label varchar(40);
ALTER TABLE items_old ALTER COLUMN label TYPE varchar(20); -- want: table-rewrite
ALTER TABLE items_old ALTER COLUMN label TYPE int4 USING label::int4; -- want: table-rewrite
