CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;
CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1';
CREATE OR REPLACE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();
-- Dropped first in the same section.
DROP TRIGGER IF EXISTS orders_touch ON orders;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
DROP VIEW IF EXISTS order_summary;
CREATE VIEW order_summary AS SELECT count(*) FROM orders;
