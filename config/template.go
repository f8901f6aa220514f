package config

// Template is the commented starting file `idemlint config init` writes.
// Every key is optional; the values shown are examples, not defaults.
const Template = `# idemlint configuration. Paths and globs are relative to this file.
version: 1

# The dialect of files no override matches: postgres, mysql or mariadb.
# Without it, idemlint infers each file's dialect from its path and content.
# dialect: postgres

# The migration framework, when file names and directives do not tell:
# goose, dbmate, golang-migrate, sqlx, flyway, liquibase, diesel, prisma,
# atlas, sqitch, or none.
# framework: goose

# Exit with status 1 when a finding reaches this severity: error, warning
# or none.
fail-on: error

# Tables, besides the frameworks' own, that record applied migrations.
# ledgers:
#   - deploy_history

# Paths never linted. Point idemlint at your migration folders: seeds,
# fixtures and application queries are not migrations.
exclude:
  - "**/testdata/**"

# Query files (sqlc, yesql, HugSQL, aiosql, PugSQL: queries named with
# "-- name: GetUser :one" or "-- :name get-user") hold application queries
# that run many times on purpose; they are recognised and skipped. lint
# reads them like migrations.
# query-files: skip

# Severity per rule: error, warning, info or off. idemlint rules lists them.
rules:
  bare-insert: warning
  # destructive-drop: off

# Settings for some paths; later entries win.
# overrides:
#   - paths: ["db/mysql/**"]
#     dialect: mysql
#     rules:
#       mysql-mixed-ddl: error
#   - paths: ["db/seed/**"]
#     query-files: lint
`
