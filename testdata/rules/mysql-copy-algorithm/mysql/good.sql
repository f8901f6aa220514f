-- Asked to run in place or instantly: the server refuses rather than
-- copy (ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4,
-- ALGORITHM=INPLACE fails with error 1846 instead of copying).
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0, ALGORITHM=INSTANT;
ALTER TABLE orders MODIFY note varchar(100) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;

-- foreign_key_checks off lets ADD FOREIGN KEY run in place.
-- (Its re-run guard is another matter: see add-constraint-without-guard.)
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- want: add-constraint-without-guard
SET foreign_key_checks = 1;

-- Old type not known: MODIFY restates the type whether or not it changes.
ALTER TABLE orders MODIFY note varchar(500) NOT NULL;

-- In place with the old type known: VARCHAR growth within one length
-- byte, ENUM members added at the end, only NULL or default changes.
CREATE TABLE IF NOT EXISTS items_next (id int PRIMARY KEY, code varchar(20), qty int, state enum('a','b'));
ALTER TABLE items_next MODIFY code varchar(60);
ALTER TABLE items_next MODIFY qty int NOT NULL DEFAULT 0;
ALTER TABLE items_next MODIFY state enum('a','b','c');

-- A new table is empty: copying it costs nothing.
CREATE TABLE IF NOT EXISTS carts (id int PRIMARY KEY, code varchar(20));
ALTER TABLE carts MODIFY code bigint;
ALTER TABLE carts CONVERT TO CHARACTER SET utf8mb4;
