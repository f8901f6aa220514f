-- +goose Up
CREATE TABLE e (
  id int,
  name text,,
  note text
);
