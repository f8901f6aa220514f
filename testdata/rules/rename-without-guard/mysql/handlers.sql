-- A second rename no longer finds its source: 1146 for a table, 1054 for
-- a column, 1176 for an index.
DELIMITER $$
CREATE PROCEDURE rename_things()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1146 BEGIN END;
        RENAME TABLE items TO goods;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1054 BEGIN END;
        ALTER TABLE goods RENAME COLUMN descr TO description;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1176 BEGIN END;
        ALTER TABLE goods RENAME INDEX descr_idx TO description_idx;
    END;

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1050 BEGIN END;
        RENAME TABLE parts TO components; -- want: rename-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1060 BEGIN END;
        ALTER TABLE components RENAME COLUMN descr TO description; -- want: rename-without-guard
    END;
END $$
DELIMITER ;

CALL rename_things();
DROP PROCEDURE IF EXISTS rename_things;
