-- goose sends each StatementBegin/StatementEnd block as one string: the
-- last statement of a block needs no semicolon, and never runs on into
-- the next block.

-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()
-- +goose StatementEnd
-- +goose StatementBegin
SELECT 1
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TRIGGER IF EXISTS orders_touch ON orders
-- +goose StatementEnd
-- +goose StatementBegin
DROP FUNCTION IF EXISTS touch()
-- +goose StatementEnd
