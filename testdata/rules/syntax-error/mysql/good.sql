# MySQL comments, executable comments, backticks, escapes.
/*!40101 SET NAMES utf8mb4 */;
SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0;
CREATE TABLE IF NOT EXISTS `t` (`id` int unsigned NOT NULL AUTO_INCREMENT, `s` varchar(10) DEFAULT 'it\'s', PRIMARY KEY (`id`)) ENGINE=InnoDB;
INSERT IGNORE INTO t (id, s) VALUES (1, "double \"quoted\""), (2, 'a;b');
DELIMITER $$
CREATE FUNCTION IF NOT EXISTS total_of(x int) RETURNS int DETERMINISTIC
BEGIN
    DECLARE y int DEFAULT 0;
    SET y = x * 2;
    RETURN y;
END$$
DELIMITER ;
SET SQL_NOTES=@OLD_SQL_NOTES;
