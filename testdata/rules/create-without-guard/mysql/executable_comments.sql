-- fixture-target: mysql:8.0
-- The server runs what is inside /*! */ and /*!NNNNN */ up to its own version
-- (MySQL 8.0 here); findings sit where the text is.
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 CREATE TABLE a (id int) */; -- want: create-without-guard
CREATE TABLE IF NOT EXISTS b (id int) /*!50100 PARTITION BY HASH(id) PARTITIONS 2 */;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE INSERT ON b FOR EACH ROW SET NEW.id = 1 */;; -- want: replace-without-or-replace
DELIMITER ;
/*!50001 CREATE ALGORITHM=UNDEFINED */ -- want: replace-without-or-replace
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v` AS select 1 AS `one` */;
-- A version newer than MySQL 8.0, and MariaDB's /*M!, are comments to it.
/*!80100 CREATE TABLE c (id int) */;
/*M!100500 CREATE TABLE d (id int) */;
/*!80016 CREATE TABLE e (id int) */; -- want: create-without-guard
