-- +goose Up
CREATE TABLE IF NOT EXISTS orders (id int);
-- +goose Down
DROP TABLE IF EXISTS orders;
