-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON orders (user_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;
