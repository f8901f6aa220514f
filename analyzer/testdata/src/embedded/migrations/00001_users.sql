-- +goose Up
CREATE TABLE IF NOT EXISTS users (id int);
ALTER TABLE users ADD COLUMN name text;

-- +goose Down
DROP TABLE IF EXISTS users;
