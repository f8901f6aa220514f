-- +goose NO TRANSACTION
-- +goose Up
CREATE TABLE c (id int PRIMARY KEY);
CREATE TABLE d (c_id int REFERENCES missing (id));
