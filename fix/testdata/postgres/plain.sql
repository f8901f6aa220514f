-- Guards the rules know how to add, with comments and odd spacing kept.
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE   INDEX orders_created_idx ON orders (created_at); -- trailing comment
CREATE UNIQUE INDEX orders_ref_idx ON orders (ref);
CREATE SEQUENCE order_seq;
CREATE SCHEMA billing;
CREATE EXTENSION pgcrypto;
ALTER TABLE orders
    ADD COLUMN note text,
    ADD COLUMN total numeric(10, 2) NOT NULL DEFAULT 0;
ALTER TYPE mood ADD VALUE 'happy';
DROP INDEX old_idx;
DROP VIEW IF EXISTS stale_view;
DROP SEQUENCE old_seq;
CREATE VIEW order_totals AS SELECT id FROM orders;
CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
