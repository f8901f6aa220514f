-- Only the first strong lock of the file is reported.
CREATE TABLE IF NOT EXISTS carts (id bigint PRIMARY KEY);
ALTER TABLE carts ADD COLUMN IF NOT EXISTS user_id bigint;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text; -- want: missing-lock-timeout
ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;
