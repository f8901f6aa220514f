-- +goose Up
CREATE TABLE orders (
    id         bigint PRIMARY KEY,
    user_id    bigint NOT NULL,
    total      numeric(12, 2) NOT NULL
);

ALTER TABLE orders
    ADD COLUMN status text NOT NULL DEFAULT 'new';

CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);

INSERT INTO order_statuses (name) VALUES ('new'), ('paid');

-- +goose Down
DROP TABLE orders;
