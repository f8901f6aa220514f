-- The second run fails on the ALTER, not on the first line.
CREATE TABLE IF NOT EXISTS orders (id int);
INSERT INTO settings VALUES ('a', '1') ON CONFLICT DO NOTHING;
ALTER TABLE orders
    ADD COLUMN status text;
