-- The server checks an EXECUTE string only when it runs it: a string
-- that does not parse, once its placeholders stand for a name or a
-- value, is not a syntax error of the file. It is left unread
-- (--verbose says so).
DO $$
DECLARE t text := 'orders';
BEGIN
    IF false THEN
        EXECUTE 'CREATE INDEX ON orders(created_at) WHERE';
    END IF;
    EXECUTE format('ALTER TABLE %I %s', t, 'ADD COLUMN');
    EXECUTE 'CREATE TABLE ' || quote_ident(t) || ' (id int';
    EXECUTE format('%s', 'SELECT 1 FROM');
    EXECUTE format('ALTER TABLE orders ALTER COLUMN code TYPE varchar(%s)', 20);
END $$;

-- The block itself is still checked.
DO $$
BEGIN
    IF true THEN
        EXECUTE 'SELECT 1';
    END IFF; -- want: syntax-error
END
$$;
