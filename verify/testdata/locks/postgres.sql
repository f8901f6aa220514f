-- The tables the lock rules' fixtures (testdata/rules/<rule>/postgres)
-- take for existing ones, owned by the migration account as in
-- production, with the indexes they drop or adopt.
CREATE TABLE users (id bigint PRIMARY KEY, email text, note text);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE TABLE accounts (id bigint NOT NULL);
CREATE UNIQUE INDEX accounts_id_idx ON accounts (id);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, ref int, created_at timestamptz, x int, tmp int,
    total numeric(12,2), note varchar(200), status text, code varchar(20), amount numeric(12,2));
CREATE INDEX orders_user_idx ON orders (user_id);
CREATE INDEX orders_ref_key ON orders (ref);
CREATE INDEX orders_day_idx ON orders (created_at);
CREATE TABLE items (id int PRIMARY KEY);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
INSERT INTO users VALUES (1, 'a@example.com', 'n');
INSERT INTO orders (id, user_id, ref, total, note, status, code, amount) VALUES (1, 1, 7, 10, 'n', 's', 'c', 1);
ALTER TABLE users OWNER TO idemlint_migrator;
ALTER TABLE accounts OWNER TO idemlint_migrator;
ALTER TABLE orders OWNER TO idemlint_migrator;
ALTER TABLE items OWNER TO idemlint_migrator;
