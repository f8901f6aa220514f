UPDATE settings SET v = 'x' WHERE k = 'a';
SELECT 1;
UPDATE counter SET n = n + 1;
