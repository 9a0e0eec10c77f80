package io.perfsweep.server;

import java.util.Collections;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series' value in one scrape of a gauge, counter or info family.
 *
 * @param labels label names to values, sorted by name
 * @param value the value; {@code NaN} and infinities as exposed
 * @param timestampMillis the exposition's own timestamp (OpenMetrics seconds converted), rarely present
 */
public record Sample(SortedMap<String, String> labels, double value, OptionalLong timestampMillis) {

    public Sample {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public Sample(SortedMap<String, String> labels, double value) {
        this(labels, value, OptionalLong.empty());
    }
}
