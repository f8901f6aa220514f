CREATE VIEW active_users AS -- want: replace-without-or-replace
    SELECT * FROM users WHERE active;
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1'; -- want: replace-without-or-replace
CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$; -- want: replace-without-or-replace
CREATE TRIGGER orders_audit AFTER INSERT ON orders -- want: replace-without-or-replace
    FOR EACH ROW EXECUTE FUNCTION audit();
