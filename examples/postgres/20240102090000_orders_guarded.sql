-- +goose Up
SET lock_timeout = '5s';
CREATE TABLE IF NOT EXISTS orders (
    id         bigint PRIMARY KEY,
    user_id    bigint NOT NULL,
    total      numeric(12, 2) NOT NULL
);

ALTER TABLE orders
    ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'new';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'order_kind') THEN
        CREATE TYPE order_kind AS ENUM ('retail', 'wholesale');
    END IF;
END $$;

INSERT INTO order_statuses (name) VALUES ('new'), ('paid')
ON CONFLICT (name) DO NOTHING;

-- +goose Down
SET lock_timeout = '5s';
DROP TABLE IF EXISTS orders;
