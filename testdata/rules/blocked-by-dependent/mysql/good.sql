-- The referencing table is dropped first.
DROP TABLE IF EXISTS orders; -- want: destructive-drop
DROP TABLE IF EXISTS users; -- want: destructive-drop
CREATE TABLE users (id INT PRIMARY KEY);
CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));

-- Both in one statement.
DROP TABLE IF EXISTS teams, members; -- want: destructive-drop
CREATE TABLE teams (id INT PRIMARY KEY);
CREATE TABLE members (id INT PRIMARY KEY, team_id INT, FOREIGN KEY (team_id) REFERENCES teams (id));

-- MySQL 8 reads a column's REFERENCES and makes no foreign key of it.
DROP TABLE IF EXISTS regions; -- want: destructive-drop
CREATE TABLE regions (id INT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS offices (id INT PRIMARY KEY, region_id INT REFERENCES regions (id));

-- MyISAM keeps no foreign keys.
DROP TABLE IF EXISTS tags; -- want: destructive-drop
CREATE TABLE tags (id INT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS post_tags (tag_id INT, FOREIGN KEY (tag_id) REFERENCES tags (id)) ENGINE = MyISAM;

-- With foreign_key_checks off, as mysqldump writes it.
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
DROP TABLE IF EXISTS shops; -- want: destructive-drop
CREATE TABLE shops (id INT PRIMARY KEY);
DROP TABLE IF EXISTS shelves; -- want: destructive-drop
CREATE TABLE shelves (id INT PRIMARY KEY, shop_id INT, FOREIGN KEY (shop_id) REFERENCES shops (id));
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
