-- Re-run safe: the self-test expects no finding here.
-- +goose Up
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;

-- +goose Down
-- The lock rules read rollbacks too: a lock_timeout keeps this one quiet.
SET lock_timeout = '5s';
DROP TABLE IF EXISTS users;
