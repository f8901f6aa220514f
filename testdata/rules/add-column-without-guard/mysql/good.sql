ALTER TABLE orders MODIFY COLUMN status varchar(40) NOT NULL;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE orders ENGINE = InnoDB, DEFAULT CHARSET = utf8mb4;
ALTER TABLE orders CHANGE COLUMN status status varchar(50);
