-- perfsweep schema 1.1.0: uploaded traces (Mooncake JSONL), referenced by jobs as workload.traceId.
-- The bytes are kept exactly as uploaded; sha256 (lowercase hex of those bytes) makes an upload idempotent.

CREATE TABLE trace (
    id          text        PRIMARY KEY,
    sha256      text        NOT NULL,
    size_bytes  bigint      NOT NULL,
    row_count   integer     NOT NULL,
    content     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT trace_sha256_unique UNIQUE (sha256),
    CONSTRAINT trace_size_check CHECK (size_bytes >= 0 AND row_count >= 0)
);
