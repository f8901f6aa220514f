-- Every step is re-run safe: mixing is fine.
CREATE TABLE IF NOT EXISTS plans (id int PRIMARY KEY, name varchar(20));
INSERT IGNORE INTO plans VALUES (1, 'free');
UPDATE users SET plan = 'free' WHERE plan IS NULL;
