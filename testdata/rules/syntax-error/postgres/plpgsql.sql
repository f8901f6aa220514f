-- A PL/pgSQL body that does not parse is rejected with its statement: the
-- error sits where the PL/pgSQL parser stopped.
DO $$ BEGIN PERFORM 1; ENDX $$; -- want: syntax-error
DO $$
BEGIN
  IF true THEN
    PERFORM 1;
  END IFF; -- want: syntax-error
END
$$;
CREATE FUNCTION touch() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  SELEC 1; -- want: syntax-error
  RETURN 1;
END
$$;
CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1 END'; -- want: syntax-error
CREATE OR REPLACE FUNCTION two() RETURNS int AS $$
BEGIN
  RETURN (1; -- want: syntax-error
END
$$ LANGUAGE plpgsql;

-- Bodies that parse stay silent, and so do errors only the server's
-- catalog can settle (libpg_query does not know that refcursor is a
-- cursor type).
CREATE OR REPLACE FUNCTION three() RETURNS void LANGUAGE plpgsql AS $$
DECLARE cur refcursor;
BEGIN
  OPEN cur FOR EXECUTE 'SELECT 1';
  CLOSE cur;
END
$$;
DO $$
DECLARE n int;
BEGIN
  FOR i IN 1..3 LOOP
    n := i;
  END LOOP;
  RAISE NOTICE 'done';
END
$$;
CREATE OR REPLACE FUNCTION four() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
