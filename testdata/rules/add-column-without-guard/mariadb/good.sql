ALTER TABLE orders ADD COLUMN IF NOT EXISTS status varchar(20);
ALTER TABLE orders ADD IF NOT EXISTS note text;
