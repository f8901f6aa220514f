--liquibase formatted sql

-- Liquibase sends each changeset on its own: its last statement needs no
-- semicolon, and the next changeset ends it.
--changeset dev:1
CREATE TABLE IF NOT EXISTS orders (id int)

--changeset dev:2
CREATE TABLE invoices (id int) -- want: create-without-guard
--rollback DROP TABLE IF EXISTS invoices

--changeset dev:3
CREATE TABLE IF NOT EXISTS payments (id int)
