--liquibase formatted sql

--changeset dev:1
CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text);
CREATE UNIQUE INDEX IF NOT EXISTS roles_name ON roles (name);
--rollback DROP INDEX IF EXISTS roles_name;

--changeset dev:2
-- The rollback above runs only when changeset 1 is undone: the key is here.
INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;
--rollback DELETE FROM roles WHERE name = 'admin';

--changeset dev:3
SELECT 1;
--rollback DROP INDEX IF EXISTS roles_name;
--rollback INSERT INTO roles (name) VALUES ('guest') ON CONFLICT DO NOTHING; -- want: bare-insert
