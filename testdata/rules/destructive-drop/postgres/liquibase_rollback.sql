--liquibase formatted sql

-- Dropping what the changeset created is a rollback's job: the
-- destructive rules stay quiet on --rollback lines, not on the changeset.
--changeset dev:1
CREATE TABLE IF NOT EXISTS orders (id int);
--rollback DROP TABLE IF EXISTS orders;
--rollback DELETE FROM audit_log;

--changeset dev:2
DROP TABLE IF EXISTS legacy; -- want: destructive-drop
--rollback CREATE TABLE IF NOT EXISTS legacy (id int);
