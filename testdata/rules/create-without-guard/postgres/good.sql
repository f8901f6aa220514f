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
DROP EVENT TRIGGER IF EXISTS ddl_watch;
CREATE EVENT TRIGGER ddl_watch ON ddl_command_end EXECUTE FUNCTION notify_ddl();
DROP PUBLICATION IF EXISTS changes;
CREATE PUBLICATION changes FOR TABLE orders;

-- Temporary objects vanish with the session.
CREATE TEMP TABLE scratch (id int);
CREATE TEMPORARY SEQUENCE scratch_seq;
