-- The profile of a plannerProfile job (issue #14): the four files Dynamo's planner reads from its
-- --profile-results-dir, byte for byte as GET /api/jobs/{id}/planner-profile serves them, with a summary (the
-- profiler's inputs, the KV capacity and where it came from, the points left out and why). One row per job, written
-- when its last point is stored; the points themselves are ordinary sweep_point rows.
CREATE TABLE planner_profile (
    job_id            text        PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    prefill_raw_data  text        NOT NULL,   -- prefill_raw_data.json (cast to jsonb to query it)
    decode_raw_data   text        NOT NULL,   -- decode_raw_data.json
    prefill_npz       bytea       NOT NULL,   -- selected_prefill_interpolation/raw_data.npz
    decode_npz        bytea       NOT NULL,   -- selected_decode_interpolation/raw_data.npz
    max_kv_tokens     bigint      NOT NULL,   -- the KV capacity the decode points were planned with, tokens
    summary           jsonb       NOT NULL,   -- as the job.completed event's plannerProfile object
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT planner_profile_kv_check CHECK (max_kv_tokens >= 1)
);
