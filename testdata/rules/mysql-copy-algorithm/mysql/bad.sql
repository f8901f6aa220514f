-- orders is not created in this file: it counts as an existing table.
ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; -- want: mysql-copy-algorithm
ALTER TABLE orders MODIFY note text, ALGORITHM=COPY; -- want: mysql-copy-algorithm
ALTER TABLE orders MODIFY note text, LOCK=SHARED; -- want: mysql-copy-algorithm
ALTER TABLE orders
    ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- want: mysql-copy-algorithm add-constraint-without-guard

-- Old types from this file, on an existing table.
ALTER TABLE items ADD COLUMN code varchar(20), ADD COLUMN qty int, ADD COLUMN state enum('a','b'); -- want: add-column-without-guard
ALTER TABLE items MODIFY code varchar(100); -- want: mysql-copy-algorithm
ALTER TABLE items MODIFY code varchar(10); -- want: mysql-copy-algorithm
ALTER TABLE items MODIFY qty bigint; -- want: mysql-copy-algorithm
ALTER TABLE items MODIFY state enum('b','a'); -- want: mysql-copy-algorithm
