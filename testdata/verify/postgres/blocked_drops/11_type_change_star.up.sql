-- Second run: the materialized view made below reads every column (0A000).
ALTER TABLE acct ALTER COLUMN note TYPE text;
CREATE MATERIALIZED VIEW IF NOT EXISTS acct_all AS SELECT * FROM acct;
