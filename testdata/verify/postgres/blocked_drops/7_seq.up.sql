-- Second run: tally.id takes its default from counter (2BP01).
DROP SEQUENCE IF EXISTS counter;
CREATE SEQUENCE counter;
CREATE TABLE IF NOT EXISTS tally (id int DEFAULT nextval('counter'));
