ALTER TYPE mood ADD VALUE 'happy'; -- want: add-enum-value-without-guard
ALTER TYPE public.mood
    ADD VALUE 'sad' BEFORE 'happy'; -- want: add-enum-value-without-guard
