-- goose sends each StatementBegin/StatementEnd block as one string: the
-- last statement of a block needs no semicolon, and never runs on into
-- the next block.

-- +goose Up
-- +goose StatementBegin
CREATE PROCEDURE IF NOT EXISTS touch()
BEGIN
  UPDATE orders SET updated_at = NOW() WHERE updated_at IS NULL;
END
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TABLE IF NOT EXISTS audit (id int PRIMARY KEY)
-- +goose StatementEnd
-- +goose StatementBegin
SELECT 1
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP PROCEDURE IF EXISTS touch
-- +goose StatementEnd
-- +goose StatementBegin
DROP TABLE IF EXISTS audit
-- +goose StatementEnd
