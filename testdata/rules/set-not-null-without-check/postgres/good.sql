SET lock_timeout = '5s';

ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_nn;
ALTER TABLE orders ADD CONSTRAINT orders_status_nn CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_nn;

-- A new table is empty.
CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY, user_id bigint);
ALTER TABLE carts ALTER COLUMN user_id SET NOT NULL;
