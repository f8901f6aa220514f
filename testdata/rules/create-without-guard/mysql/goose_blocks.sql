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
CREATE TABLE IF NOT EXISTS payments (id int)
-- +goose StatementEnd
CREATE TABLE refunds (id int); -- want: create-without-guard

-- +goose Down
-- +goose StatementBegin
DROP TABLE IF EXISTS invoices
-- +goose StatementEnd
