-- The tables the mysql-copy-algorithm fixtures take for existing ones.
CREATE TABLE users (id int PRIMARY KEY, email varchar(200)) ENGINE=InnoDB;
CREATE TABLE orders (id int NOT NULL, region int NOT NULL DEFAULT 0, user_id int, note varchar(100), total int,
    PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=latin1;
CREATE TABLE items (id int PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO users VALUES (1, 'a@example.com');
INSERT INTO orders (id, user_id, note, total) VALUES (1, 1, 'n', 10);
