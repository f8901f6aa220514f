ALTER TABLE orders
    ADD CONSTRAINT orders_user_fk -- want: add-constraint-without-guard
        FOREIGN KEY (user_id) REFERENCES users (id);

ALTER TABLE orders ADD PRIMARY KEY (id); -- want: add-constraint-without-guard

-- Unnamed: duplicated on every run.
ALTER TABLE orders ADD CHECK (total >= 0); -- want: add-constraint-without-guard
ALTER TABLE orders ADD UNIQUE (number); -- want: add-constraint-without-guard
-- PostgreSQL 18 named NOT NULL constraints.
ALTER TABLE local_image
    ADD CONSTRAINT local_image_user_not_null NOT NULL local_user_id; -- want: add-constraint-without-guard
