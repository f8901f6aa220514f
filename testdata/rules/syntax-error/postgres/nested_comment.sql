-- Nested block comments close in pairs.
/* a /* b */ c */ SELECT 1;
SELECT 2;
