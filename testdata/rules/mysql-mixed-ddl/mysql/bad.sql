ALTER TABLE users ADD COLUMN plan varchar(20); -- want: add-column-without-guard
UPDATE users SET plan = 'free' WHERE plan IS NULL; -- want: mysql-mixed-ddl
