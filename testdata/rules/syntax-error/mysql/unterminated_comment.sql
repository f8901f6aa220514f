SELECT 1;
-- MySQL block comments do not nest: the first */ ends this one.
/* a /* b */ SELECT 2;
-- want-next: syntax-error
/* still open at the end
SELECT 3;
