package io.perfsweep.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.HdrHistogram.Histogram;

/**
 * HdrHistograms of one point's latencies, in nanoseconds with 3 significant digits (0.1 % value precision) and
 * auto-resizing ranges, so no latency is ever out of range.
 * <p>
 * <b>Corrected and uncorrected.</b> As in wrk2, TTFT and request latency are kept twice: from the actual send
 * (uncorrected, wrk2's {@code u_latency_histogram}, what AIPerf reports) and from the intended start (corrected for
 * coordinated omission, wrk2's {@code latency_histogram}). The correction is done by measuring from the schedule, so
 * {@code recordValueWithExpectedInterval} is deliberately not used: HdrHistogram's docs say the two corrections are
 * mutually exclusive. ITL needs no twin: it is a difference of two times from the same start, so the schedule lag
 * cancels out. The schedule lag itself is kept as {@link Kind#SEND_DELAY}.
 * <p>
 * <b>Why the exported statistics do not come from here.</b> {@code profile_export_aiperf.json} must match AIPerf,
 * which runs {@code np.percentile} (linear interpolation between exact values) over every request's exact value;
 * a histogram bucket is only accurate to 0.1 % and interpolates nothing. So {@link PointSummarizer} computes the
 * exported numbers from exact value arrays ({@link MetricStats}), and these histograms serve what arrays cannot do
 * cheaply: merging points or workers ({@link #add}), compact storage ({@link #encodeCompressed()}), and live
 * quantiles while a point is still running.
 * <p>
 * Thread-safe: every method synchronizes on this object.
 */
public final class LatencyHistograms {

    /** Which latency a histogram holds. */
    public enum Kind {
        TIME_TO_FIRST_TOKEN_FROM_SEND,
        TIME_TO_FIRST_TOKEN_FROM_INTENDED_START,
        INTER_TOKEN_LATENCY,
        REQUEST_LATENCY_FROM_SEND,
        REQUEST_LATENCY_FROM_INTENDED_START,
        SEND_DELAY
    }

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final Map<Kind, Histogram> histograms = new EnumMap<>(Kind.class);

    /** Empty histograms of every kind. */
    public LatencyHistograms() {
        for (Kind kind : Kind.values()) {
            histograms.put(kind, new Histogram(SIGNIFICANT_DIGITS));
        }
    }

    /** Records one request; failed requests are ignored, as are latencies a request does not have. */
    public synchronized void record(RequestRecord record) {
        if (!record.valid()) {
            return;
        }
        RecordMetricValues values = RecordMetricValues.of(record);
        recordIfPresent(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND, values.get(MetricTag.TIME_TO_FIRST_TOKEN));
        recordIfPresent(Kind.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START,
                values.get(MetricTag.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START));
        recordIfPresent(Kind.INTER_TOKEN_LATENCY, values.get(MetricTag.INTER_TOKEN_LATENCY));
        recordIfPresent(Kind.REQUEST_LATENCY_FROM_SEND, values.get(MetricTag.REQUEST_LATENCY));
        recordIfPresent(Kind.REQUEST_LATENCY_FROM_INTENDED_START,
                values.get(MetricTag.REQUEST_LATENCY_FROM_INTENDED_START));
        recordIfPresent(Kind.SEND_DELAY, values.get(MetricTag.SEND_DELAY));
    }

    private void recordIfPresent(Kind kind, OptionalDouble nanos) {
        if (nanos.isPresent() && nanos.getAsDouble() >= 0) {
            histograms.get(kind).recordValue(Math.round(nanos.getAsDouble()));
        }
    }

    /** Adds every value of {@code other} to this (merging points or workers). */
    public void add(LatencyHistograms other) {
        Map<Kind, Histogram> copies = other.copies();
        synchronized (this) {
            copies.forEach((kind, histogram) -> histograms.get(kind).add(histogram));
        }
    }

    /** How many values a histogram holds. */
    public synchronized long totalCount(Kind kind) {
        return histograms.get(kind).getTotalCount();
    }

    /** The value at a percentile (0–100) in milliseconds, or empty when the histogram is empty. */
    public synchronized OptionalDouble valueAtPercentileMillis(Kind kind, double percentile) {
        Histogram histogram = histograms.get(kind);
        if (histogram.getTotalCount() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(histogram.getValueAtPercentile(percentile) / NANOS_PER_MILLI);
    }

    /** The largest recorded value in nanoseconds (bucket-equivalent), or empty when the histogram is empty. */
    public synchronized OptionalLong maxNanos(Kind kind) {
        Histogram histogram = histograms.get(kind);
        return histogram.getTotalCount() == 0 ? OptionalLong.empty() : OptionalLong.of(histogram.getMaxValue());
    }

    /** Independent copies of every histogram. */
    public synchronized Map<Kind, Histogram> copies() {
        Map<Kind, Histogram> copies = new EnumMap<>(Kind.class);
        histograms.forEach((kind, histogram) -> copies.put(kind, histogram.copy()));
        return Collections.unmodifiableMap(copies);
    }

    /** Every histogram in HdrHistogram's compressed encoding, for a store to persist. */
    public synchronized Map<Kind, byte[]> encodeCompressed() {
        Map<Kind, byte[]> encoded = new EnumMap<>(Kind.class);
        histograms.forEach((kind, histogram) -> encoded.put(kind, HistogramCodec.encode(histogram)));
        return Collections.unmodifiableMap(encoded);
    }

    /** Histograms from {@link #encodeCompressed()}; kinds missing from {@code encoded} start empty. */
    public static LatencyHistograms decodeCompressed(Map<Kind, byte[]> encoded) {
        LatencyHistograms decoded = new LatencyHistograms();
        encoded.forEach((kind, bytes) -> decoded.histograms.get(kind).add(HistogramCodec.decode(bytes)));
        return decoded;
    }
}
