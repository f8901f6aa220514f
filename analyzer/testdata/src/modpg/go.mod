module modpg

go 1.25

require (
	github.com/jackc/pgx/v5 v5.7.1
	github.com/pressly/goose/v3 v3.22.0
)
