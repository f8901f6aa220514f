-- PostgreSQL names a routine by its name and input argument types: dropping
-- one signature and creating another is not a drop-and-recreate, and the
-- second run's DROP finds nothing to drop.
DROP FUNCTION order_total(date, uuid); -- want: drop-without-if-exists
CREATE OR REPLACE FUNCTION order_total(d date, o uuid, n int) RETURNS int LANGUAGE sql AS 'SELECT 1';

DROP PROCEDURE archive_orders(int); -- want: drop-without-if-exists
CREATE OR REPLACE PROCEDURE archive_orders(days bigint) LANGUAGE sql AS 'SELECT 1';

DROP AGGREGATE total_of(int); -- want: drop-without-if-exists
CREATE OR REPLACE AGGREGATE total_of(numeric) (sfunc = numeric_add, stype = numeric);

-- The same signature spelled another way is a drop-and-recreate: INTEGER
-- is int4, CHARACTER VARYING(10) is varchar, OUT arguments do not count.
DROP FUNCTION order_count(int4, varchar);
CREATE OR REPLACE FUNCTION order_count(IN since integer, region character varying(10), OUT n bigint) LANGUAGE sql AS 'SELECT 1::bigint';

-- DROP PROCEDURE also matches the full list, OUT arguments included.
DROP PROCEDURE purge_orders(int, int);
CREATE OR REPLACE PROCEDURE purge_orders(days int, OUT removed int) LANGUAGE sql AS 'SELECT 1';

-- Without an argument list DROP names the only routine of that name.
DROP FUNCTION touch_order;
CREATE OR REPLACE FUNCTION touch_order(at timestamptz) RETURNS int LANGUAGE sql AS 'SELECT 1';
