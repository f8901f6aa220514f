-- MariaDB has IF [NOT] EXISTS for columns and indexes too.
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD INDEX orders_note_idx (note(20));
CREATE INDEX orders_ref_idx ON orders (ref);
ALTER TABLE orders DROP COLUMN legacy;
DROP INDEX orders_old_idx ON orders;
