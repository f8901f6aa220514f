-- golang-migrate up file: a re-run rule applies.
ALTER TABLE orders ADD COLUMN status text; -- want: add-column-without-guard
