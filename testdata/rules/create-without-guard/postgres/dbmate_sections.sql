-- dbmate sends each section as one string: its last statement needs no
-- semicolon, and the down marker ends it.
-- migrate:up
CREATE TABLE IF NOT EXISTS orders (id int);
CREATE TABLE invoices (id int) -- want: create-without-guard
-- migrate:down
DROP TABLE IF EXISTS invoices
