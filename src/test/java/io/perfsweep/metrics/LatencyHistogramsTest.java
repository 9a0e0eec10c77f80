package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.LatencyHistograms.Kind;

class LatencyHistogramsTest {

    private static final long MS = 1_000_000;

    @Test
    void scheduleLagShowsOnlyInTheCorrectedHistograms() {
        // scheduled at t = 0, sent at t = 100 ms, first token 110 ms, last 150 ms
        RequestRecord late = Timings.start(100 * MS).intendedStart(0).responses(110 * MS, 150 * MS).output(2).build();
        LatencyHistograms histograms = new LatencyHistograms();
        histograms.record(late);
        assertThat(histograms.valueAtPercentileMillis(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND, 50).getAsDouble())
                .isCloseTo(10.0, within(0.01));
        assertThat(histograms.valueAtPercentileMillis(Kind.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START, 50)
                .getAsDouble()).isCloseTo(110.0, within(0.11));
        assertThat(histograms.valueAtPercentileMillis(Kind.REQUEST_LATENCY_FROM_SEND, 50).getAsDouble())
                .isCloseTo(50.0, within(0.05));
        assertThat(histograms.valueAtPercentileMillis(Kind.REQUEST_LATENCY_FROM_INTENDED_START, 50).getAsDouble())
                .isCloseTo(150.0, within(0.15));
        assertThat(histograms.valueAtPercentileMillis(Kind.SEND_DELAY, 50).getAsDouble()).isCloseTo(100.0,
                within(0.1));
        assertThat(histograms.valueAtPercentileMillis(Kind.INTER_TOKEN_LATENCY, 50).getAsDouble()).isCloseTo(40.0,
                within(0.04));
    }

    @Test
    void ignoresFailedRequestsAndMissingMetrics() {
        LatencyHistograms histograms = new LatencyHistograms();
        histograms.record(Timings.start(0).responses(MS).error("TIMEOUT").build());
        histograms.record(Timings.start(0).responses(MS).output(1).build());
        assertThat(histograms.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(1);
        assertThat(histograms.totalCount(Kind.INTER_TOKEN_LATENCY)).isZero();
        assertThat(histograms.valueAtPercentileMillis(Kind.INTER_TOKEN_LATENCY, 50)).isEmpty();
    }

    @Test
    void compressedRoundTripKeepsCountsAndPercentiles() {
        LatencyHistograms histograms = new LatencyHistograms();
        for (long i = 1; i <= 1000; i++) {
            histograms.record(Timings.start(0).responses(i * MS, (i + 7) * MS).output(8).build());
        }
        Map<Kind, byte[]> encoded = histograms.encodeCompressed();
        LatencyHistograms decoded = LatencyHistograms.decodeCompressed(encoded);
        for (Kind kind : Kind.values()) {
            assertThat(decoded.totalCount(kind)).isEqualTo(histograms.totalCount(kind));
            assertThat(decoded.copies().get(kind)).isEqualTo(histograms.copies().get(kind));
        }
        assertThat(decoded.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(1000);
        assertThat(decoded.valueAtPercentileMillis(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND, 99).getAsDouble())
                .isCloseTo(990.0, within(1.0));
        assertThat(decoded.valueAtPercentileMillis(Kind.INTER_TOKEN_LATENCY, 50).getAsDouble()).isCloseTo(1.0,
                within(0.001));
    }

    @Test
    void mergingAddsCountsAcrossPoints() {
        LatencyHistograms fast = new LatencyHistograms();
        LatencyHistograms slow = new LatencyHistograms();
        fast.record(Timings.start(0).responses(MS).output(1).build());
        slow.record(Timings.start(0).responses(3_600_000 * MS).output(1).build()); // one hour: auto-resize
        fast.add(slow);
        assertThat(fast.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(2);
        assertThat(fast.maxNanos(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND).getAsLong())
                .isCloseTo(3_600_000 * MS, within(3_600_000 * MS / 1000));
        assertThat(slow.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(1);
    }

    @Test
    void codecRejectsGarbage() {
        assertThatThrownBy(() -> HistogramCodec.decode(new byte[] { 1, 2, 3 }))
                .isInstanceOf(IllegalArgumentException.class);
        Histogram histogram = new Histogram(3);
        histogram.recordValue(42);
        assertThat(HistogramCodec.decode(HistogramCodec.encode(histogram)).getTotalCount()).isEqualTo(1);
    }
}
