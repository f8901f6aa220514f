-- The drop names another table's generated key.
ALTER TABLE items DROP FOREIGN KEY IF EXISTS items_ibfk_1;
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id); -- want: add-constraint-without-guard

-- A name that is not the generated one.
ALTER TABLE payments DROP FOREIGN KEY IF EXISTS payments_fk_1;
ALTER TABLE payments ADD FOREIGN KEY (order_id) REFERENCES orders (id); -- want: add-constraint-without-guard

-- No drop at all.
ALTER TABLE shipments ADD FOREIGN KEY (order_id) REFERENCES orders (id); -- want: add-constraint-without-guard
