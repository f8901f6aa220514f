-- Down files are checked for re-run safety too, but not for data loss.
ALTER TABLE orders DROP COLUMN status; -- want: drop-without-if-exists
ALTER TABLE orders DROP COLUMN IF EXISTS status;
