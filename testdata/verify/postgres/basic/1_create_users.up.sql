-- Unguarded: the second run finds the table.
CREATE TABLE users (id int PRIMARY KEY, email text);
