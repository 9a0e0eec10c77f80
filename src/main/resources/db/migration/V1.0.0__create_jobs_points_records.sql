-- perfsweep schema 1.0.0: jobs, their sweep points (summary + typed columns + HDR histograms), raw request records.
-- Times in *_ms columns are milliseconds, *_ns columns nanoseconds on the measuring JVM's monotonic clock
-- (System.nanoTime), except wall_start_epoch_ns (wall clock, epoch nanoseconds). A metric without a value is NULL,
-- never 0.

CREATE TABLE job (
    id            text        PRIMARY KEY,               -- the dedup key: the spec's id, or one the intake made
    name          text        NOT NULL,
    state         text        NOT NULL,
    reason        text,                                  -- why a job failed, was rejected or cancelled
    spec          jsonb       NOT NULL,                  -- the job spec as received (perfsweep/v1)
    target_url    text,
    model         text,
    attempt       integer     NOT NULL DEFAULT 0,
    points_total  integer     NOT NULL DEFAULT 0,
    points_done   integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    version       bigint      NOT NULL DEFAULT 0,        -- optimistic locking (JPA @Version)
    CONSTRAINT job_state_check
        CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REJECTED')),
    CONSTRAINT job_points_check CHECK (points_done >= 0 AND points_total >= 0 AND attempt >= 0)
);

CREATE INDEX job_name_created_idx   ON job (name, created_at DESC);
CREATE INDEX job_state_created_idx  ON job (state, created_at DESC);
CREATE INDEX job_target_created_idx ON job (target_url, model, created_at DESC);

CREATE TABLE sweep_point (
    id                      bigserial        PRIMARY KEY,
    job_id                  text             NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    point_index             integer          NOT NULL,   -- position in the sweep plan, from 0
    label                   text             NOT NULL,   -- e.g. c10 (concurrency 10) or r2.5 (2.5 requests/s)
    concurrency             integer,
    request_rate            double precision,            -- requests/s of an open-loop point, NULL when closed-loop
    gpus                    integer,                     -- GPUs of the target's deployment shape, when known
    summary                 jsonb            NOT NULL,   -- AIPerf schema: tag -> {unit, avg, p50, ...}
    ttft_avg_ms             double precision,
    ttft_p50_ms             double precision,
    ttft_p90_ms             double precision,
    ttft_p99_ms             double precision,
    itl_avg_ms              double precision,
    itl_p50_ms              double precision,
    itl_p90_ms              double precision,
    itl_p99_ms              double precision,
    latency_avg_ms          double precision,
    latency_p50_ms          double precision,
    latency_p90_ms          double precision,
    latency_p99_ms          double precision,
    request_throughput      double precision,            -- requests/s
    output_token_throughput double precision,            -- tokens/s
    tokens_per_sec_per_user double precision,            -- avg of output_token_throughput_per_user
    tokens_per_sec_per_gpu  double precision,            -- output_token_throughput / gpus
    goodput                 double precision,            -- good requests/s
    good_request_fraction   double precision,
    request_count           bigint           NOT NULL,   -- valid requests
    error_count             bigint           NOT NULL,   -- failed requests
    achieved_concurrency    double precision,
    histograms              bytea,                       -- LatencyHistograms, see PointHistogramsCodec
    started_at              timestamptz,
    finished_at             timestamptz,
    CONSTRAINT sweep_point_job_index_key UNIQUE (job_id, point_index),
    CONSTRAINT sweep_point_counts_check CHECK (request_count >= 0 AND error_count >= 0)
);

CREATE TABLE request_record (
    point_id                bigint   NOT NULL REFERENCES sweep_point (id) ON DELETE CASCADE,
    seq                     integer  NOT NULL,           -- order within the point, from 0
    request_id              text,                        -- the client's id, when it has one
    intended_start_ns       bigint   NOT NULL,
    sent_ns                 bigint   NOT NULL,
    end_ns                  bigint   NOT NULL,
    wall_start_epoch_ns     bigint   NOT NULL,
    ttft_ns                 bigint,
    latency_ns              bigint,
    itl_ns                  double precision,
    response_ns             bigint[] NOT NULL,           -- arrival of each non-empty SSE response, in order
    first_output_index      integer  NOT NULL,           -- index into response_ns of the first non-reasoning one, or -1
    requested_output_tokens integer  NOT NULL,
    input_tokens            integer,
    output_tokens           integer,
    reasoning_tokens        integer,
    usage_prompt_tokens     integer,
    usage_completion_tokens integer,
    usage_total_tokens      integer,
    usage_reasoning_tokens  integer,
    cached_tokens           integer,
    error_code              integer,
    error_type              text,
    error_message           text,
    -- Its index serves "records of a point" (point_id leads) and keeps a record from being stored twice.
    CONSTRAINT request_record_pkey PRIMARY KEY (point_id, seq)
);
