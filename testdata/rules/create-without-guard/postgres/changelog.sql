--liquibase formatted sql

--changeset dev:1
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'orders'
CREATE TABLE orders (id int);

--changeset dev:2
CREATE TABLE invoices (id int); -- want: create-without-guard

--changeset dev:3
--preconditions onFail:HALT
--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'payments'
CREATE TABLE payments (id int); -- want: create-without-guard

--changeset dev:4
--preconditions onFail:MARK_RAN
--precondition-table-exists tableName:legacy
DROP TABLE legacy; -- want: destructive-drop
--rollback CREATE TABLE legacy (id int); -- want: create-without-guard

--changeset dev:5
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'refunds'
CREATE TABLE credits (id int); -- want: create-without-guard
