package io.perfsweep.telemetry;

import io.micrometer.core.instrument.Tags;

/**
 * The bounded labels of every sweep meter. A job id would make a new series per job, so it is never one of them.
 *
 * @param benchmark the job's or the run's benchmark name
 * @param target the target's base URL
 * @param model the model name sent to the target
 */
record SweepLabels(String benchmark, String target, String model) {

    SweepLabels {
        benchmark = benchmark == null ? "" : benchmark;
        target = target == null ? "" : target;
        model = model == null ? "" : model;
    }

    Tags tags() {
        return Tags.of("benchmark", benchmark, "target", target, "model", model);
    }
}
