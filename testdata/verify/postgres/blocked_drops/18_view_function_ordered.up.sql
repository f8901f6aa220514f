-- The view goes before the function it calls: rerun-safe.
DROP VIEW IF EXISTS post_titles;
DROP FUNCTION IF EXISTS titled(text);
CREATE FUNCTION titled(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT initcap(t) $$;
CREATE VIEW post_titles AS SELECT id, titled(title) AS title FROM posts;
