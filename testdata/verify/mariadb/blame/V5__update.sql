START TRANSACTION;
UPDATE settings SET v = 'y' WHERE k = 'a';
UPDATE settings SET v = CONCAT(v, '!') WHERE k = 'b';
COMMIT;
