-- Second run: the table made below is of type address (2BP01).
DROP TYPE IF EXISTS address;
CREATE TYPE address AS (street text, city text);
CREATE TABLE IF NOT EXISTS addresses OF address;
