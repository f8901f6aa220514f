-- Second run: the view made below calls slugify(text) (2BP01).
CREATE TABLE IF NOT EXISTS posts (id int, title text);
DROP FUNCTION IF EXISTS slugify(text);
CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE OR REPLACE VIEW post_slugs AS SELECT id, slugify(title) AS slug FROM posts;
