package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.LatencyHistograms;
import io.perfsweep.metrics.LatencyHistograms.Kind;

class PointHistogramsCodecTest {

    @Test
    void histogramsRoundTripWithEveryKindAndCount() {
        LatencyHistograms histograms = new LatencyHistograms();
        SyntheticRecords.generate(500, 8, 1).forEach(histograms::record);

        LatencyHistograms decoded = PointHistogramsCodec.decode(PointHistogramsCodec.encode(histograms));

        for (Kind kind : Kind.values()) {
            assertThat(decoded.totalCount(kind)).as(kind.name()).isEqualTo(histograms.totalCount(kind));
            assertThat(decoded.copies().get(kind)).as(kind.name()).isEqualTo(histograms.copies().get(kind));
        }
        assertThat(decoded.totalCount(Kind.TIME_TO_FIRST_TOKEN_FROM_SEND)).isEqualTo(490);
    }

    @Test
    void decodedHistogramsMergeAndKeepRecording() {
        LatencyHistograms first = new LatencyHistograms();
        SyntheticRecords.generate(100, 4, 2).forEach(first::record);
        LatencyHistograms second = new LatencyHistograms();
        SyntheticRecords.generate(300, 4, 3).forEach(second::record);

        LatencyHistograms merged = PointHistogramsCodec.decode(PointHistogramsCodec.encode(first));
        merged.add(PointHistogramsCodec.decode(PointHistogramsCodec.encode(second)));

        assertThat(merged.totalCount(Kind.REQUEST_LATENCY_FROM_SEND)).isEqualTo(98 + 294);
        assertThat(merged.valueAtPercentileMillis(Kind.REQUEST_LATENCY_FROM_SEND, 100).getAsDouble())
                .isEqualTo(Math.max(first.valueAtPercentileMillis(Kind.REQUEST_LATENCY_FROM_SEND, 100).getAsDouble(),
                        second.valueAtPercentileMillis(Kind.REQUEST_LATENCY_FROM_SEND, 100).getAsDouble()));
    }

    @Test
    void rejectsBytesOfAnotherFormat() {
        assertThatThrownBy(() -> PointHistogramsCodec.decode(new byte[] { 9, 0, 0, 0, 0 }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> PointHistogramsCodec.decode(new byte[] { 1, 0, 0, 0, 2 }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
