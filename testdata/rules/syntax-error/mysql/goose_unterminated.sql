-- Outside a StatementBegin/StatementEnd block goose ends a statement only
-- at a line that ends with a semicolon.

-- +goose Up
CREATE TABLE IF NOT EXISTS orders (id int);
-- What is still open when a block begins goes to the server with the
-- block, as one string, which the server refuses.
CREATE TABLE IF NOT EXISTS items (id int)
-- +goose StatementBegin
CREATE PROCEDURE IF NOT EXISTS p() BEGIN SELECT 1; END -- want: syntax-error
-- +goose StatementEnd
-- One still open at the next section makes goose refuse the file.
CREATE TABLE IF NOT EXISTS notes (id int) -- want: syntax-error

-- +goose Down
-- Several statements and not one semicolon: goose never ends the first,
-- and would send them as one string.
DROP TABLE IF EXISTS items
DROP TABLE IF EXISTS notes -- want: syntax-error
DROP TABLE IF EXISTS orders
