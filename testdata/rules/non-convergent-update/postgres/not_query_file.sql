-- A migration that happens to carry a "-- name:" comment is still a
-- migration: a query file names a query before its first statement.
ALTER TABLE users ADD COLUMN IF NOT EXISTS visits int NOT NULL DEFAULT 0;

-- name: backfill
UPDATE users SET visits = visits + 1 WHERE id > 0; -- want: non-convergent-update
