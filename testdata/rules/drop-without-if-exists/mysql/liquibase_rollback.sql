--liquibase formatted sql

-- A changeset's --rollback lines are its down section: a rollback is
-- retried as often as a migration, so the re-run rules read it too.
--changeset dev:1
CREATE TABLE IF NOT EXISTS orders (id int);
--rollback DROP TABLE orders; -- want: drop-without-if-exists

--changeset dev:2
CREATE TABLE IF NOT EXISTS items (id int);
/* liquibase rollback
DROP TABLE items; -- want: drop-without-if-exists
DROP TABLE IF EXISTS items_archive;
*/

--changeset dev:3
CREATE TABLE IF NOT EXISTS tags (id int);
--rollback DROP TABLE IF EXISTS tags;

--changeset dev:4
CREATE TABLE IF NOT EXISTS notes (id int);
--rollback empty
