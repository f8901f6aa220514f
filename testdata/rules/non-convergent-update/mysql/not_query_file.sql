-- A migration that happens to carry a "-- name:" comment is still a
-- migration: a query file names a query before its first statement.
SET @batch = 1;

-- name: bump
UPDATE counters SET n = n + 1 WHERE id = @batch; -- want: non-convergent-update
