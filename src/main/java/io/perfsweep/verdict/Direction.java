package io.perfsweep.verdict;

/** Which way a metric gets better. */
public enum Direction {
    /** Latencies: a rise is a regression. */
    LOWER_IS_BETTER,
    /** Throughputs: a fall is a regression. */
    HIGHER_IS_BETTER;

    /** The change in the metric's bad direction: {@code changePct} for latencies, its negation for throughputs. */
    double worsening(double changePct) {
        return this == LOWER_IS_BETTER ? changePct : -changePct;
    }
}
