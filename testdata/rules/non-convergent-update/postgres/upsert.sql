-- DO UPDATE runs on every run after the first: the row is there by then.
INSERT INTO counters AS c (k, n) VALUES ('visits', 1)
ON CONFLICT (k) DO UPDATE SET n = c.n + 1; -- want: non-convergent-update
INSERT INTO counters (k, n) VALUES ('visits', 1)
ON CONFLICT (k) DO UPDATE SET n = counters.n + EXCLUDED.n; -- want: non-convergent-update
INSERT INTO public.counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n * 2; -- want: non-convergent-update
INSERT INTO tags (k, labels) VALUES ('a', ARRAY['x'])
ON CONFLICT (k) DO UPDATE SET labels = array_append(tags.labels, 'x'); -- want: non-convergent-update
INSERT INTO notes (k, body) VALUES ('a', 'x')
ON CONFLICT (k) DO UPDATE SET
    seen = EXCLUDED.seen,
    body = notes.body || EXCLUDED.body; -- want: non-convergent-update
