-- Tables and views that exist raise 1050, indexes 1061, procedures 1304.
DELIMITER $$
CREATE PROCEDURE make_things()
BEGIN
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1050 BEGIN END;
        CREATE TABLE items (id int);
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLSTATE '42S01' BEGIN END;
        CREATE VIEW item_ids AS SELECT id FROM items;
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        CREATE INDEX items_id_idx ON items (id);
    END;

    BEGIN
        DECLARE CONTINUE HANDLER FOR 1061 BEGIN END;
        CREATE TABLE parts (id int); -- want: create-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR 1050 BEGIN END;
        CREATE INDEX parts_id_idx ON parts (id); -- want: create-without-guard
    END;
    BEGIN
        DECLARE CONTINUE HANDLER FOR SQLSTATE '42S02' BEGIN END;
        CREATE TABLE components (id int); -- want: create-without-guard
    END;
END $$
DELIMITER ;

CALL make_things();
DROP PROCEDURE IF EXISTS make_things;
