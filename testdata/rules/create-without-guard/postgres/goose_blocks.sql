-- Each block is its own statement, semicolon or not: the findings of both
-- blocks are found, and the guarded ones stay quiet.

-- +goose Up
-- +goose StatementBegin
CREATE TABLE IF NOT EXISTS orders (id int)
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TABLE invoices (id int) -- want: create-without-guard
-- +goose StatementEnd
-- +goose StatementBegin
CREATE INDEX invoices_id ON invoices (id) -- want: create-without-guard
-- +goose StatementEnd
CREATE INDEX IF NOT EXISTS orders_id ON orders (id);

-- +goose Down
-- +goose StatementBegin
DROP TABLE IF EXISTS invoices
-- +goose StatementEnd
