-- +goose Up
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE users; -- want: drop-without-if-exists
