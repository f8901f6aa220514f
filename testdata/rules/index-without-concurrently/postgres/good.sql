SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_ref_key ON orders (ref);
REINDEX TABLE CONCURRENTLY orders;
REINDEX (CONCURRENTLY) INDEX orders_user_idx;

-- A table created in the same file is new and empty.
CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY, user_id bigint);
CREATE INDEX IF NOT EXISTS carts_user_idx ON carts (user_id);
ALTER TABLE IF EXISTS carts RENAME TO baskets;
CREATE INDEX IF NOT EXISTS baskets_id_idx ON baskets (id);

-- Temporary tables are nobody else's.
CREATE TEMPORARY TABLE scratch (id int);
CREATE INDEX scratch_idx ON scratch (id);

-- A function body runs when called, not here.
CREATE OR REPLACE FUNCTION make_idx() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE INDEX IF NOT EXISTS orders_x_idx ON orders (x);
END $$;
