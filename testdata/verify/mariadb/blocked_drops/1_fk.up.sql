-- Second run: child's foreign key references parent (1451).
DROP TABLE IF EXISTS parent;
CREATE TABLE parent (id INT PRIMARY KEY);
DROP TABLE IF EXISTS child;
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
