CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY);
DROP TABLE IF EXISTS old_orders; -- want: destructive-drop
CREATE DATABASE IF NOT EXISTS shop;
DROP VIEW IF EXISTS order_view;
CREATE OR REPLACE VIEW order_view AS SELECT id FROM orders;
