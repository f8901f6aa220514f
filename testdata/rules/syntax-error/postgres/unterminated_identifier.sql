SELECT 1;
SELECT "unterminated; -- want: syntax-error
SELECT 2;
