-- +goose Up
-- +goose StatementBegin
ALTER TABLE orders ADD COLUMN status text; -- want: add-column-without-guard
-- +goose StatementEnd

-- +goose Down
ALTER TABLE orders DROP COLUMN IF EXISTS status;
