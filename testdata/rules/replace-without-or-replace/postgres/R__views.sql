-- Flyway re-runs repeatable migrations whenever they change.
CREATE VIEW order_summary AS SELECT count(*) FROM orders; -- want: replace-without-or-replace
CREATE OR REPLACE VIEW order_totals AS SELECT sum(total) FROM orders;
