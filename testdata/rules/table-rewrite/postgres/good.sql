SET lock_timeout = '5s';

-- Old type not known: these may be widenings, which keep the bytes.
ALTER TABLE orders ALTER COLUMN note TYPE text;
ALTER TABLE orders ALTER COLUMN code TYPE varchar(100);
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2);

-- Old type known from this file: binary-coercible changes.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS label varchar(20);
ALTER TABLE orders ALTER COLUMN label TYPE varchar(40);
ALTER TABLE orders ALTER COLUMN label TYPE text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS price numeric(10,2);
ALTER TABLE orders ALTER COLUMN price TYPE numeric(12,2);

-- Constant and stable defaults are stored once (PostgreSQL 11+).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS seen_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN IF NOT EXISTS seen_day timestamptz DEFAULT date_trunc('day', now());

-- Plain VACUUM does not rewrite.
VACUUM orders;

-- A table created here is empty.
CREATE TABLE IF NOT EXISTS carts (id int, total int);
ALTER TABLE carts ALTER COLUMN total TYPE bigint;
ALTER TABLE carts ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();
