-- The schema dropped is not the one the table is made in: the second run
-- finds public.audit there (42P07).
DROP SCHEMA IF EXISTS scratch CASCADE;
CREATE SCHEMA scratch;
CREATE TABLE audit (id int);
