UPDATE users SET email = lower(email) WHERE email <> lower(email);
UPDATE users SET name = trim(name) WHERE id > 0;
UPDATE orders SET total = coalesce(total, 0) WHERE total IS NULL;
UPDATE products SET price_cents = price * 100 WHERE price_cents IS NULL;
-- The WHERE selects rows not yet converted.
UPDATE files SET path = path || '.bak' WHERE path NOT LIKE '%.bak';
