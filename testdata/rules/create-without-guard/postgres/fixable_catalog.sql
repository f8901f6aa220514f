-- Runnable: --fix wraps each CREATE in a DO block over its catalog.
CREATE TABLE IF NOT EXISTS fx_docs (id bigint, owner text);
CREATE TYPE fx_pair AS (a int, b int); -- want: create-without-guard
CREATE DOMAIN fx_positive AS int CHECK (VALUE > 0); -- want: create-without-guard
CREATE POLICY fx_docs_read ON fx_docs FOR SELECT USING (true); -- want: create-without-guard
CREATE PUBLICATION fx_pub FOR TABLE fx_docs; -- want: create-without-guard
