-- fixture-target: mariadb:10.6
-- MariaDB 10.6 runs /*M! */ too, and skips /*!50700 to /*!99999:
-- MySQL 5.7 and 8.0 features.
/*M!100500 CREATE TABLE a (id int) */; -- want: create-without-guard
/*M!100700 CREATE TABLE b (id int) */;
/*!80016 CREATE TABLE c (id int) */;
/*!100300 CREATE TABLE d (id int) */; -- want: create-without-guard
/*!40101 CREATE TABLE e (id int) */; -- want: create-without-guard
/*!99999 CREATE TABLE f (id int) /* with a comment inside */ */;
