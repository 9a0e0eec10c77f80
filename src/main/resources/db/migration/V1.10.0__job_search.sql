-- A job whose load is a search ("load": {"type": "search"}) keeps what it found: the highest load whose good-request
-- fraction met the target (max_concurrency_under_slo or max_request_rate_under_slo), the lowest that missed it, the
-- knee, why it stopped and every probe; the block its job.completed event carries. Null for other jobs.
ALTER TABLE job ADD COLUMN search jsonb;
