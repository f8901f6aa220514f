CREATE TABLE IF NOT EXISTS a (id int);
ALTER TABLE a ADD COLUMN ; -- want: syntax-error
ALTER TABLE a ADD COLUMN b int; -- want: add-column-without-guard
SELEC 1; -- want: syntax-error
