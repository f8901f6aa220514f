-- Second run: child's foreign key references parent (2BP01).
DROP TABLE IF EXISTS parent;
CREATE TABLE parent (id int PRIMARY KEY);
DROP TABLE IF EXISTS child;
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
