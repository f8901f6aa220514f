ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id); -- want: add-constraint-without-guard
ALTER TABLE orders ADD PRIMARY KEY (id); -- want: add-constraint-without-guard
ALTER TABLE orders ADD UNIQUE KEY uq_number (number); -- want: add-constraint-without-guard
