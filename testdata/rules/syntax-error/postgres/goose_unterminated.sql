-- Outside a StatementBegin/StatementEnd block goose ends a statement only
-- at a line that ends with a semicolon.

-- +goose Up
CREATE TABLE IF NOT EXISTS orders (id int);
-- What is still open when a block begins goes to the server with the
-- block, as one string, which the server refuses.
CREATE TABLE IF NOT EXISTS items (id int)
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; -- want: syntax-error
-- +goose StatementEnd
-- One still open at the next section makes goose refuse the file.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text -- want: syntax-error

-- +goose Down
DROP TABLE IF EXISTS items;
-- So does one still open at the end of the file.
DROP TABLE IF EXISTS orders -- want: syntax-error
