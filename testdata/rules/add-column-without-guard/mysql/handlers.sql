-- A CONTINUE handler guards an ADD COLUMN only when it catches the error
-- a second run raises: 1060 (ER_DUP_FIELDNAME, SQLSTATE '42S21').
DELIMITER $$
CREATE PROCEDURE add_columns()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1060 BEGIN END;
        ALTER TABLE orders ADD COLUMN note text;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLSTATE '42S21' BEGIN END;
        ALTER TABLE orders ADD COLUMN note2 text;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN END;
        ALTER TABLE orders ADD COLUMN note3 text;
    END;
    BEGIN
        DECLARE dup_column CONDITION FOR 1060;
        DECLARE CONTINUE HANDLER FOR dup_column BEGIN END;
        ALTER TABLE orders ADD COLUMN note4 text;
    END;

    -- The wrong conditions guard nothing.
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        ALTER TABLE orders ADD COLUMN size int; -- want: add-column-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLSTATE '42000' BEGIN END;
        ALTER TABLE orders ADD COLUMN weight int; -- want: add-column-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLWARNING BEGIN END;
        ALTER TABLE orders ADD COLUMN height int; -- want: add-column-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1060 RESIGNAL;
        ALTER TABLE orders ADD COLUMN depth int; -- want: add-column-without-guard
    END;
END $$
DELIMITER ;

CALL add_columns();
DROP PROCEDURE IF EXISTS add_columns;
