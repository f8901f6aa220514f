-- +goose Up
CREATE TABLE IF NOT EXISTS orders (id bigint);
INSERT INTO orders (id) VALUES (1);

-- +goose Down
DROP TABLE IF EXISTS orders;
