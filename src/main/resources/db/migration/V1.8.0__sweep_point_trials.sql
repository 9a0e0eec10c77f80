-- Points run as several trials (load.trials > 1, AIPerf's --num-profile-runs): the point's row keeps the means over
-- its trials and all their request records (seq in trial order), and each trial's own summary and the range of seq
-- its records hold are kept here. A point of one trial has no row here.
CREATE TABLE sweep_point_trial (
    point_id      bigint      NOT NULL REFERENCES sweep_point (id) ON DELETE CASCADE,
    trial         integer     NOT NULL,                -- from 1, in the order the trials ran
    summary       jsonb       NOT NULL,                -- AIPerf schema, as sweep_point.summary
    first_seq     integer     NOT NULL,                -- the trial's records are seq first_seq .. first_seq + count - 1
    record_count  integer     NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    CONSTRAINT sweep_point_trial_pkey PRIMARY KEY (point_id, trial),
    CONSTRAINT sweep_point_trial_check CHECK (trial >= 1 AND first_seq >= 0 AND record_count >= 0)
);
