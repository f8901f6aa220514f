-- A new table's foreign key locks the table it references (SHARE ROW
-- EXCLUSIVE) while the new one is created.
CREATE TABLE IF NOT EXISTS carts (id int PRIMARY KEY, user_id bigint REFERENCES users (id)); -- want: missing-lock-timeout
