START TRANSACTION; -- want: mysql-mixed-ddl
ALTER TABLE users ADD COLUMN plan varchar(20); -- want: add-column-without-guard mysql-ddl-in-transaction
COMMIT;
