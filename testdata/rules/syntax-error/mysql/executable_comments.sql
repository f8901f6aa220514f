-- fixture-target: mysql:8.0
-- A statement must not end inside an executable comment: the server reads
-- the rest as a statement and rejects the */.
/*!40101 SET @a = 1; SET @b = 2 */; -- want: syntax-error
-- MySQL 8.0 reads five version digits: the sixth is SQL.
/*!100000 SET @c = 3 */; -- want: syntax-error
