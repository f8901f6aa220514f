CREATE VIEW order_view AS SELECT id FROM orders; -- want: replace-without-or-replace
DELIMITER //
CREATE PROCEDURE cleanup() -- want: replace-without-or-replace
BEGIN
    DELETE FROM sessions WHERE expired = 1;
END //
CREATE TRIGGER orders_audit AFTER INSERT ON orders -- want: replace-without-or-replace
FOR EACH ROW BEGIN
    INSERT INTO audit_log (row_id) VALUES (NEW.id);
END //
DELIMITER ;
