-- perfsweep schema 1.2.0: the prefix ratio of a point of the router prefix-ratio benchmark (workload.type prefix).
-- NULL for every other point. Its label is the script's artifact directory, e.g. prefix_ratio_0.5_seed_2.
ALTER TABLE sweep_point ADD COLUMN prefix_ratio double precision;
