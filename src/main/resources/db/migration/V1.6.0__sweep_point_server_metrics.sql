-- The target's own metrics over each point's measured window: AIPerf's server_metrics_export.json (per metric and
-- series) plus the facts derived from it. Null for points measured without server metrics, and for points stored
-- before this column existed.
ALTER TABLE sweep_point ADD COLUMN server_metrics jsonb;
