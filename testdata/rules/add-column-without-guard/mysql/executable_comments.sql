-- A clause inside an executable comment is linted at its place.
ALTER TABLE t MODIFY a int /*!50000 , ADD COLUMN b int */, -- want: add-column-without-guard
    MODIFY c int;
-- So is SQL in a prepared string: the server lexes it the same way.
SET @q = '/*!50000 ALTER TABLE t ADD COLUMN d int */'; -- want: add-column-without-guard
PREPARE s FROM @q;
EXECUTE s;
