-- +goose Up
-- +goose StatementBegin
CREATE PROCEDURE add_status()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') THEN
        ALTER TABLE orders ADD COLUMN status varchar(20);
    END IF;
END;
-- +goose StatementEnd
CALL add_status();
-- +goose StatementBegin
DROP PROCEDURE IF EXISTS add_status;
-- +goose StatementEnd

-- +goose Down
ALTER TABLE orders DROP COLUMN status; -- want: drop-without-if-exists
