CREATE TABLE orders ( -- want: create-without-guard
    id bigint NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX idx_orders_user ON orders (user_id); -- want: create-without-guard
CREATE UNIQUE INDEX uq_orders_number ON orders (number); -- want: create-without-guard
ALTER TABLE orders ADD INDEX idx_orders_date (created_at); -- want: create-without-guard
ALTER TABLE orders ADD KEY (total); -- want: create-without-guard
CREATE DATABASE shop; -- want: create-without-guard
