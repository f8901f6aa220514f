-- MySQL: a named foreign key that exists raises 1826 (ER_FK_DUP_NAME), a
-- CHECK constraint 3822, a UNIQUE one 1061, a second primary key 1068.
DELIMITER $$
CREATE PROCEDURE add_constraints()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1826 BEGIN END;
        ALTER TABLE items ADD CONSTRAINT items_part_fk FOREIGN KEY (part_id) REFERENCES parts (id);
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE (code);
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1068 BEGIN END;
        ALTER TABLE items ADD PRIMARY KEY (id);
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 3822 BEGIN END;
        ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0);
    END;

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        ALTER TABLE parts ADD CONSTRAINT parts_item_fk FOREIGN KEY (item_id) REFERENCES items (id); -- want: add-constraint-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        ALTER TABLE parts ADD PRIMARY KEY (id); -- want: add-constraint-without-guard
    END;
END $$
DELIMITER ;

CALL add_constraints();
DROP PROCEDURE IF EXISTS add_constraints;
