DROP PROCEDURE IF EXISTS add_e;
DELIMITER $$
CREATE PROCEDURE add_e()
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = DATABASE() AND table_name = 't' AND column_name = 'e') THEN
    ALTER TABLE t ADD COLUMN e int;
  END IF;
END $$
DELIMITER ;
CALL add_e();
DROP PROCEDURE add_e;
