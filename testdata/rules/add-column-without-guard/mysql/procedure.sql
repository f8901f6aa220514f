DROP PROCEDURE IF EXISTS add_order_columns;

DELIMITER $$
CREATE PROCEDURE add_order_columns()
BEGIN
    DECLARE n int;

    IF NOT EXISTS (SELECT * FROM information_schema.columns
                   WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'status') THEN
        ALTER TABLE orders ADD COLUMN status varchar(20);
    END IF;

    SELECT COUNT(1) INTO n FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'paid_at';
    IF n = 0 THEN
        ALTER TABLE orders ADD COLUMN paid_at datetime;
    END IF;

    ALTER TABLE orders ADD COLUMN shipped_at datetime; -- want: add-column-without-guard

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1060 BEGIN END;
        ALTER TABLE orders ADD COLUMN note text;
    END;
END $$
DELIMITER ;

CALL add_order_columns();
DROP PROCEDURE IF EXISTS add_order_columns;
