package config

// Template is the commented starting file `idemlint config init` writes.
// Every key is optional; the values shown are examples, not defaults.
const Template = `# idemlint configuration. Paths and globs are relative to this file.
version: 1

# The dialect of files no override matches: postgres, mysql or mariadb.
# Without it, idemlint infers each file's dialect from its path and content.
# dialect: postgres

# The server version the migrations run on. It decides which guarded forms
# exist, which fixes --fix writes, and which server verify expects; the
# dialect follows from it. postgres:12 ... postgres:18, mysql:5.7, mysql:8.0,
# mysql:8.4, mariadb:10.6 ... mariadb:11.8 (mysql:8.0.29 names a patch
# level). Default: the oldest version upstream still supports
# (postgres:15, mysql:8.4, mariadb:10.11).
# target: postgres:15

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

# Who sets PostgreSQL's lock_timeout: each file (file, the default), or the
# connection or framework for every migration (connection: a role or
# database default, a DSN option), which quiets missing-lock-timeout.
# lock-timeout: file

# Settings for some paths; later entries win.
# overrides:
#   - paths: ["db/mysql/**"]
#     target: mysql:8.0
#     rules:
#       mysql-mixed-ddl: error
#   - paths: ["db/seed/**"]
#     query-files: lint
`
