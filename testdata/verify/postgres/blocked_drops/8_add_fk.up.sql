-- Second run: the constraint added below references p3 (2BP01).
DROP TABLE IF EXISTS p3;
CREATE TABLE p3 (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS c3 (id int, p3_id int);
ALTER TABLE c3 DROP CONSTRAINT IF EXISTS c3_p3_fk;
ALTER TABLE c3 ADD CONSTRAINT c3_p3_fk FOREIGN KEY (p3_id) REFERENCES p3 (id);
