-- +goose Up
-- name: a goose migration with a name comment is still a migration
UPDATE users SET visits = visits + 1 WHERE id > 0; -- want: non-convergent-update
