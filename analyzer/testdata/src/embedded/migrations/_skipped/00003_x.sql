CREATE TABLE skipped (id int);
