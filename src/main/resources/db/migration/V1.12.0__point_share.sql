-- perfsweep schema 1.12.0: scale-out (docs/scale-out.md). A point driven by several instances is split into shares;
-- each share's raw records are kept here, keyed by job, point, attempt and share, until the coordinator merges the
-- attempt into one sweep_point (and its request_record rows) and deletes them, in one transaction. A voided attempt
-- (a worker died, never started, or the job was cancelled) is deleted by its key; nothing of it is ever merged.

CREATE TABLE point_share (
    id             bigserial   PRIMARY KEY,
    job_id         text        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    point_index    integer     NOT NULL,
    attempt        text        NOT NULL,               -- the coordinator's id of one try of the point
    share_index    integer     NOT NULL,               -- from 0
    instance       text        NOT NULL,               -- the instance that runs the share
    coordinator    text        NOT NULL,               -- the instance that holds the job and merges
    concurrency    integer,                            -- the share's streams (closed loop or a rate's cap)
    request_rate   double precision,                   -- the share's requests/s of an open-loop point
    requests       integer     NOT NULL,               -- measured requests the share sends
    state          text        NOT NULL,
    record_count   integer,                            -- records written, once DONE
    start_skew_ms  double precision,                   -- the share's window start − the agreed start, on the coordinator's clock
    client_health  jsonb,                              -- the share's client verdict, as in the AIPerf export
    started_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT point_share_state_check CHECK (state IN ('RUNNING', 'DONE')),
    CONSTRAINT point_share_key UNIQUE (job_id, point_index, attempt, share_index)
);

-- A share's records, the columns of request_record. Their *_ns values are on the point's shared timeline (the
-- coordinator's wall clock in epoch nanoseconds, each worker's clock offset removed), so that the union of the shares
-- has one window; each duration is still the worker's own monotonic clock.
CREATE TABLE share_record (LIKE request_record INCLUDING DEFAULTS);
ALTER TABLE share_record DROP COLUMN point_id;
ALTER TABLE share_record ADD COLUMN share_id bigint NOT NULL REFERENCES point_share (id) ON DELETE CASCADE;
ALTER TABLE share_record ADD CONSTRAINT share_record_pkey PRIMARY KEY (share_id, seq);

-- The instances that drove a shared point: [{"instance", "concurrency", "requests", "startSkewMs"}]; NULL for a point
-- one instance ran.
ALTER TABLE sweep_point ADD COLUMN workers jsonb;
