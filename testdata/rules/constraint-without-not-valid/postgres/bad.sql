SET lock_timeout = '5s';

ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- want: constraint-without-not-valid

ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check;
ALTER TABLE orders
    ADD CONSTRAINT orders_total_check CHECK (total >= 0); -- want: constraint-without-not-valid

-- A column added with a default and REFERENCES or CHECK checks every row
-- like ADD FOREIGN KEY or ADD CHECK.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shop_id bigint DEFAULT 1 REFERENCES users (id); -- want: constraint-without-not-valid
ALTER TABLE orders ADD COLUMN IF NOT EXISTS qty int NOT NULL DEFAULT 1 CHECK (qty > 0); -- want: constraint-without-not-valid
