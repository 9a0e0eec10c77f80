-- A point run several times whose trial failed after earlier trials finished keeps those trials (its sweep_point_trial
-- rows and records) and says why here: "point c4: trial 3 of 5 failed (...)"; the export names the failed trial in
-- its aggregate's failed_runs. Null for points that did not fail.
ALTER TABLE sweep_point ADD COLUMN failure text;
