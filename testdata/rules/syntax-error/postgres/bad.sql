CREATE TABLE IF NOT EXISTS a (id int);
-- The finding sits at the token the parser stopped at.
ALTER TABLE a ADD COLUMN ; -- want: syntax-error
-- Linting goes on with the next statement.
ALTER TABLE a ADD COLUMN b int; -- want: add-column-without-guard
SELEC 1; -- want: syntax-error
-- want-next: syntax-error
SELECT 'unterminated
