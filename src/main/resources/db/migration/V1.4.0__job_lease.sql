-- perfsweep schema 1.4.0: which delivery of its JetStream message holds a job, and until when the instance holding it
-- keeps it alive (renewed with every in-progress acknowledgement; database clock). A job whose lease ran out on the
-- last delivery will never be delivered again: the start-up and periodic orphan pass ends it FAILED with a reason.
ALTER TABLE job ADD COLUMN delivery    integer NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN lease_until timestamptz;

CREATE INDEX job_lease_idx ON job (lease_until) WHERE state IN ('QUEUED', 'RUNNING');
