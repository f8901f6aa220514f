-- want-next: invalid-suppression
-- idemlint:ignore add-column-without-guard
ALTER TABLE orders ADD COLUMN note text; -- want: add-column-without-guard
-- want-next: invalid-suppression
-- idemlint:ignore no-such-rule -- because
ALTER TABLE orders ADD COLUMN IF NOT EXISTS memo text;
-- want-next: invalid-suppression
-- idemlint:ignore -- a reason but no rule
ALTER TABLE orders ADD COLUMN IF NOT EXISTS memo2 text;
