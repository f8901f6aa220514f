-- fixture-target: postgres:13
-- Runnable: before 14 --fix drops the trigger with IF EXISTS first.
CREATE TABLE IF NOT EXISTS fx_items (id bigint, touched timestamptz);
CREATE OR REPLACE FUNCTION fx_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
CREATE TRIGGER fx_items_touch BEFORE UPDATE ON fx_items FOR EACH ROW EXECUTE FUNCTION fx_touch(); -- want: replace-without-or-replace
CREATE CONSTRAINT TRIGGER fx_items_check AFTER INSERT ON fx_items FOR EACH ROW EXECUTE FUNCTION fx_touch(); -- want: replace-without-or-replace
