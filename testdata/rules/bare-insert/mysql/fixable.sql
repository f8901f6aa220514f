-- Runnable: --fix inserts each row of constants only WHERE NOT EXISTS a
-- row with the same values.
CREATE TABLE IF NOT EXISTS fx_roles (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20), note varchar(20));
INSERT INTO fx_roles (name, note) VALUES ('admin', NULL); -- want: bare-insert mysql-mixed-ddl
