-- MariaDB raises the same 1060 for a duplicate column; a handler for a
-- missing table (1146) does not catch it.
DELIMITER $$
CREATE PROCEDURE add_columns()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1060 BEGIN END;
        ALTER TABLE orders ADD COLUMN note text;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1146 BEGIN END;
        ALTER TABLE orders ADD COLUMN size int; -- want: add-column-without-guard
    END;
END $$
DELIMITER ;

CALL add_columns();
DROP PROCEDURE IF EXISTS add_columns;
