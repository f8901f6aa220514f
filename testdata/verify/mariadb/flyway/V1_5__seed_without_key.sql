CREATE TABLE IF NOT EXISTS log (msg varchar(40));
INSERT INTO log (msg) VALUES ('schema 1.5');
