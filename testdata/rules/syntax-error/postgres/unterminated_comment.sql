SELECT 1;
-- PostgreSQL block comments nest: this one is still open at the end.
-- want-next: syntax-error
/* a /* b */ still inside
SELECT 2;
