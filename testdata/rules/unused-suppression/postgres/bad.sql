-- want-next: unused-suppression
-- idemlint:ignore add-column-without-guard -- checked by hand
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;

-- want-next: unused-suppression
-- idemlint:ignore-file destructive-truncate -- nothing truncates here
