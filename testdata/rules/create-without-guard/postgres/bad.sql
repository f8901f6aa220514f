-- Each of these fails with "already exists" on a second run.
CREATE TABLE orders ( -- want: create-without-guard
    id bigint PRIMARY KEY,
    total numeric
);
CREATE UNIQUE INDEX orders_number_idx ON orders (number); -- want: create-without-guard
CREATE INDEX ON orders (total); -- want: create-without-guard
CREATE SEQUENCE order_numbers; -- want: create-without-guard
CREATE SCHEMA billing; -- want: create-without-guard
CREATE EXTENSION pgcrypto; -- want: create-without-guard
CREATE TYPE mood AS ENUM ('happy', 'sad'); -- want: create-without-guard
CREATE DOMAIN positive_int AS int CHECK (VALUE > 0); -- want: create-without-guard
CREATE MATERIALIZED VIEW order_totals AS SELECT sum(total) FROM orders; -- want: create-without-guard
CREATE POLICY own_orders ON orders USING (user_id = current_user_id()); -- want: create-without-guard
CREATE ROLE reporting; -- want: create-without-guard
CREATE TABLE archive AS SELECT * FROM orders; -- want: create-without-guard
CREATE EVENT TRIGGER ddl_watch ON ddl_command_end EXECUTE FUNCTION notify_ddl(); -- want: create-without-guard
