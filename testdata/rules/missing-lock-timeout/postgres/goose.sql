-- +goose Up
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;

-- +goose Down
-- A rollback runs on its own, later: the Up's setting does not carry over.
ALTER TABLE orders DROP COLUMN IF EXISTS note; -- want: missing-lock-timeout
