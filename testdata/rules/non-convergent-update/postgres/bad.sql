UPDATE products SET price = price * 100 WHERE currency = 'EUR'; -- want: non-convergent-update
UPDATE counters SET n = n + 1 WHERE name = 'migrations'; -- want: non-convergent-update
UPDATE users
SET display_name = 'x',
    tags = array_append(tags, 'migrated') -- want: non-convergent-update
WHERE created_at < '2024-01-01';
UPDATE files SET path = path || '.bak' WHERE id > 10; -- want: non-convergent-update
UPDATE totals SET amount = coalesce(amount, 0) + 5 WHERE id = 1; -- want: non-convergent-update
