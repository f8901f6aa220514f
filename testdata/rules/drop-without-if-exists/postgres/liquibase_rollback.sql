--liquibase formatted sql

-- A changeset's --rollback lines are its down section: a rollback is
-- retried as often as a migration, so the re-run rules read it too.
--changeset dev:1
CREATE TABLE IF NOT EXISTS orders (id int);
--rollback DROP TABLE orders; -- want: drop-without-if-exists

--changeset dev:2
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
--rollback ALTER TABLE orders
--rollback   DROP COLUMN note; -- want: drop-without-if-exists

--changeset dev:3
CREATE TABLE IF NOT EXISTS items (id int);
CREATE INDEX IF NOT EXISTS items_id ON items (id);
/* liquibase rollback
DROP INDEX items_id; -- want: drop-without-if-exists
DROP TABLE IF EXISTS items;
*/

--changeset dev:4
CREATE TABLE IF NOT EXISTS tags (id int);
--rollback DROP TABLE IF EXISTS tags;

--changeset dev:5
CREATE TABLE IF NOT EXISTS notes (id int);
--rollback not required
