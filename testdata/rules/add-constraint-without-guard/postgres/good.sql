ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;
ALTER TABLE orders
    ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- The table is dropped and created again: its constraints go with it.
DROP TABLE IF EXISTS staging_orders; -- want: destructive-drop
CREATE TABLE staging_orders (id int);
ALTER TABLE staging_orders ADD CONSTRAINT staging_orders_pk PRIMARY KEY (id);

ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
