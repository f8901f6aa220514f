-- DROP ... IF EXISTS of another signature does not clear the way: the
-- second run's CREATE finds lookup_code(text) already there.
DROP FUNCTION IF EXISTS lookup_code(int);
CREATE FUNCTION lookup_code(k text) RETURNS int LANGUAGE sql AS 'SELECT 1'; -- want: replace-without-or-replace

-- The same signature, however it is spelled, does.
DROP FUNCTION IF EXISTS lookup_id(integer, pg_catalog.varchar);
CREATE FUNCTION lookup_id(k int4, region varchar(3)) RETURNS int LANGUAGE sql AS 'SELECT 1';
