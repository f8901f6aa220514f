-- MariaDB: a named foreign key that exists raises 1005 (ER_CANT_CREATE_TABLE,
-- errno 121), a CHECK constraint 1826 (ER_DUP_CONSTRAINT_NAME); MySQL's
-- 1826 for foreign keys catches nothing here.
DELIMITER $$
CREATE PROCEDURE add_constraints()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1005 BEGIN END;
        ALTER TABLE items ADD CONSTRAINT items_part_fk FOREIGN KEY (part_id) REFERENCES parts (id);
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1826 BEGIN END;
        ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0);
    END;

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1826 BEGIN END;
        ALTER TABLE parts ADD CONSTRAINT parts_item_fk FOREIGN KEY (item_id) REFERENCES items (id); -- want: add-constraint-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 3822 BEGIN END;
        ALTER TABLE parts ADD CONSTRAINT parts_qty_check CHECK (qty > 0); -- want: add-constraint-without-guard
    END;
END $$
DELIMITER ;

CALL add_constraints();
DROP PROCEDURE IF EXISTS add_constraints;
