UPDATE users SET name = CONCAT(name, '-old') WHERE name NOT LIKE '%-old';
UPDATE users SET email = LOWER(email) WHERE id > 0;
UPDATE users SET score = IFNULL(score, 0) WHERE score IS NULL;
