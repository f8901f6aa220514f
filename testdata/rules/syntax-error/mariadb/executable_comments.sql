-- MariaDB reads six version digits.
/*!100000 SET @c = 3 */;
/*M!100000 SET @d = 4 */;
-- want-next: syntax-error
/*M!100000 SET @e = 5
