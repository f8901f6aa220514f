-- +goose Up
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (a_id int REFERENCES missing (id));

-- +goose Down
DROP TABLE b;
DROP TABLE a;
