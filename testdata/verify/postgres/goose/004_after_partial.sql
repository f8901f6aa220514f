-- +goose Up
-- Runs only because 003 ran without a transaction and left table c.
ALTER TABLE c ADD COLUMN note text;
