ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'; -- want: rename-without-guard
