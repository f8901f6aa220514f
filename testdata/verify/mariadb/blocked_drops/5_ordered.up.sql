-- The referencing table is dropped first: rerun-safe.
DROP TABLE IF EXISTS c5;
DROP TABLE IF EXISTS p5;
CREATE TABLE p5 (id INT PRIMARY KEY);
CREATE TABLE c5 (id INT PRIMARY KEY, p5_id INT, FOREIGN KEY (p5_id) REFERENCES p5 (id));
