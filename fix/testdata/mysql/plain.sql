-- MySQL guards the rules add: IF NOT EXISTS on tables, IF EXISTS on drops,
-- OR REPLACE on views; comments and backticks are kept.
CREATE TABLE `orders` (
  `id` bigint NOT NULL AUTO_INCREMENT, -- key
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
CREATE DATABASE reports;
DROP TABLE old_orders;
DROP VIEW stale_view;
CREATE VIEW order_ids AS SELECT id FROM orders;
