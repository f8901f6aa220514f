SELECT 1;
/*!50000 SELECT 2 */;
/*!50000 SELECT 3; -- want: syntax-error
SELECT 4;
