-- name: count-visit!
-- yesql and aiosql name their queries this way: skipped too.
UPDATE users SET visits = visits + 1 WHERE id = :id;
