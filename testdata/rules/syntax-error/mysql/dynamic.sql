-- A prepared string is checked when it runs, and its branch may never
-- run: one that does not parse is not a syntax error of the file.
SET @stmt = (SELECT IF(
    (SELECT COUNT(*) FROM INFORMATION_SCHEMA.statistics
     WHERE table_name = 'Emoji' AND table_schema = DATABASE() AND index_name = 'idx_emoji_create_at') > 0,
    'SELECT 1',
    'CREATE INDEX ON Emoji(CreateAt);'
));
PREPARE createIndexIfNotExists FROM @stmt;
EXECUTE createIndexIfNotExists;
DEALLOCATE PREPARE createIndexIfNotExists;

PREPARE s FROM 'ALTER TABLE t ADD COLUMN';

-- The statement around it is still checked.
SET @x = 'SELECT 1' FROMM dual; -- want: syntax-error
