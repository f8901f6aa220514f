-- Deliberately not re-run safe: the GitHub Action's self-test expects
-- these findings (scripts/ci-action.sh and .github/workflows/selftest.yml).
-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN note text;

-- +goose Down
-- The lock rules read rollbacks too: a lock_timeout keeps this one quiet.
SET lock_timeout = '5s';
DROP TABLE IF EXISTS orders;
