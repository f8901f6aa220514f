SELECT 1;
DO $body$ BEGIN PERFORM 1; END $body$;
-- want-next: syntax-error
DO $body$ BEGIN PERFORM 1; END $bodyx$;
SELECT 2;
