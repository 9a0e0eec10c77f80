package io.perfsweep.report;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;

/** Numbers as every table of the reports shows them: two decimals, a dash where there is no value. */
final class Cells {

    static final String NONE = "-";

    private Cells() {
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String number(OptionalDouble value) {
        return value.isPresent() ? format(value.getAsDouble()) : NONE;
    }

    /** One statistic of a record metric, e.g. the p50 of TTFT. */
    static String stat(PointSummary summary, MetricTag tag, ToDoubleFunction<MetricStats> pick) {
        return summary.stats(tag).map(stats -> format(pick.applyAsDouble(stats))).orElse(NONE);
    }
}
