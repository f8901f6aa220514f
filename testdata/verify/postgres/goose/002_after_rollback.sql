-- +goose Up
-- Runs only because 001's transaction rolled its CREATE TABLE a back.
CREATE TABLE a (id int PRIMARY KEY);

-- +goose Down
DROP TABLE a;
