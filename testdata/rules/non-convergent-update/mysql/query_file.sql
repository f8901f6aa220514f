-- A sqlc query file: application queries, run as often as the application
-- likes. It is recognised and skipped, whatever its queries do.

-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: CountVisit :exec
UPDATE users SET visits = visits + 1 WHERE id = ?;

-- name: AddEvent :exec
INSERT INTO events (user_id, kind) VALUES (?, ?);
