-- +goose Up
-- +goose StatementBegin
CREATE TABLE IF NOT EXISTS invoices (id bigint);
create table lines (id bigint, invoice_id bigint);
-- +goose StatementEnd
alter table lines add column qty int;

-- +goose Down
DROP TABLE lines;
DROP TABLE invoices;
