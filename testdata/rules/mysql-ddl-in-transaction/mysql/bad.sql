START TRANSACTION;
UPDATE users SET plan = 'free' WHERE plan IS NULL;
CREATE TABLE IF NOT EXISTS plans (id int PRIMARY KEY); -- want: mysql-ddl-in-transaction
COMMIT;
BEGIN;
DROP TABLE IF EXISTS old_plans; -- want: mysql-ddl-in-transaction destructive-drop
COMMIT;
