-- A timeout of 0 turns the limit off.
SET lock_timeout = 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text; -- want: missing-lock-timeout
