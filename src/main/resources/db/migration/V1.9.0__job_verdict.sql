-- A job that named a baseline ("baseline": {"jobId"} or {"name"}) is compared with it when it finishes: the verdict
-- block its job.completed event carries (overall verdict, per point and metric, or inconclusive with the reason).
-- Null for jobs without a baseline and jobs stored before this column existed.
ALTER TABLE job ADD COLUMN verdict jsonb;
