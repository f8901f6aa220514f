-- DROP TABLE of a missing table raises 1051, DROP INDEX and DROP COLUMN
-- 1091 (SQLSTATE '42000').
DELIMITER $$
CREATE PROCEDURE drop_things()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1051 BEGIN END;
        DROP TABLE old_items; -- want: destructive-drop
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1091 BEGIN END;
        DROP INDEX old_idx ON items;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLSTATE '42000' BEGIN END;
        ALTER TABLE items DROP INDEX other_idx;
    END;

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1146 BEGIN END;
        DROP TABLE old_parts; -- want: drop-without-if-exists destructive-drop
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1051 BEGIN END;
        DROP INDEX old_idx ON parts; -- want: drop-without-if-exists
    END;
END $$
DELIMITER ;

CALL drop_things();
DROP PROCEDURE IF EXISTS drop_things;
