CREATE TABLE IF NOT EXISTS orders (
    id bigint PRIMARY KEY,
    total numeric
);
CREATE UNIQUE INDEX IF NOT EXISTS orders_number_idx ON orders (number);
CREATE SEQUENCE IF NOT EXISTS order_numbers;
CREATE SCHEMA IF NOT EXISTS billing;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE MATERIALIZED VIEW IF NOT EXISTS order_totals AS SELECT sum(total) FROM orders;

-- Dropped first in the same section.
DROP POLICY IF EXISTS own_orders ON orders;
CREATE POLICY own_orders ON orders USING (user_id = current_user_id());
DROP TYPE IF EXISTS mood;
CREATE TYPE mood AS ENUM ('happy', 'sad');

-- Temporary objects vanish with the session.
CREATE TEMP TABLE scratch (id int);
CREATE TEMPORARY SEQUENCE scratch_seq;
