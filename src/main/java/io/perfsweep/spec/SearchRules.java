package io.perfsweep.spec;

/**
 * The rules on a {@code search} load: bounds of its kind, a target fraction, a precision and a probe count (its request
 * counts are checked as every load's, in {@link LoadRules}).
 */
final class SearchRules {

    private final JobLimits limits;
    private final Violations violations;

    SearchRules(JobLimits limits, Violations violations) {
        this.limits = limits;
        this.violations = violations;
    }

    void validate(JobLoad.Search search) {
        if (Double.isNaN(search.max())) {
            violations.addUnlessReported("load.max", "load.max is required for load.type \"search\": the highest "
                    + (search.over() == JobLoad.Over.RATE ? "request rate" : "concurrency") + " to probe");
        } else if (search.over() == JobLoad.Over.CONCURRENCY) {
            concurrencyBound("load.min", search.min());
            concurrencyBound("load.max", search.max());
        } else {
            rateBound("load.min", search.min());
            rateBound("load.max", search.max());
        }
        if (!violations.hasAnyUnder("load.min") && !violations.hasAnyUnder("load.max") && search.max() < search.min()) {
            violations.addUnlessReported("load.max", search.max(), "must be at least load.min (" + search.min() + ")");
        }
        if (!(search.goodRequestFraction() > 0 && search.goodRequestFraction() <= 1)) {
            violations.addUnlessReported("load.goodRequestFraction", search.goodRequestFraction(),
                    "must be above 0 and at most 1 (the share of requests that meet every SLO, e.g. 0.99)");
        }
        if (!(search.precision() > 0 && search.precision() < 1)) {
            violations.addUnlessReported("load.precision", search.precision(), "must be above 0 and below 1 (the"
                    + " bisection ends once (failing - passing) / failing is below it, e.g. 0.05)");
        }
        if (search.maxProbes() < 1 || search.maxProbes() > limits.maxLevels()) {
            violations.addUnlessReported("load.maxProbes", search.maxProbes(), "must be 1 to " + limits.maxLevels()
                    + " (each probe is a point: perfsweep.limits.max-levels)");
        }
    }

    /** A whole number of requests in flight, 1 to the ceiling. */
    private void concurrencyBound(String path, double value) {
        if (!(value >= 1) || value != Math.rint(value)) {
            violations.addUnlessReported(path, value, "must be a whole number of requests in flight, 1 or more");
        } else if (value > limits.maxConcurrency()) {
            violations.addUnlessReported(path, value, "exceeds the maximum concurrency " + limits.maxConcurrency()
                    + " (perfsweep.limits.max-concurrency)");
        }
    }

    private void rateBound(String path, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            violations.addUnlessReported(path, value, "must be a number of requests per second above 0");
        }
    }
}
