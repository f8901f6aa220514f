-- Second run: person.m has type mood (2BP01).
DROP TYPE IF EXISTS mood;
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE IF NOT EXISTS person (id int, m mood);
