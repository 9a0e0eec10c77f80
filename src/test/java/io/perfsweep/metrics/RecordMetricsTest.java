package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RecordMetricsTest {

    private final RequestRecord threeChunks = Timings.start(100).responses(110, 125, 145).end(160).output(5).build();

    @Test
    void ttftIsFirstResponseMinusSend() {
        assertThat(TimeToFirstToken.nanos(threeChunks)).hasValue(10);
    }

    @Test
    void ttftRejectsAResponseBeforeTheSend() {
        RequestRecord broken = Timings.start(100).responses(90, 120).build();
        assertThatThrownBy(() -> TimeToFirstToken.nanos(broken)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordMetricValues.of(broken).get(MetricTag.TIME_TO_FIRST_TOKEN)).isEmpty();
    }

    @Test
    void ttstIsSecondMinusFirstResponse() {
        assertThat(TimeToSecondToken.nanos(threeChunks)).hasValue(15);
    }

    @Test
    void requestLatencyEndsAtTheLastContentResponseNotTheHttpEnd() {
        assertThat(RequestLatency.nanos(threeChunks)).hasValue(45);
    }

    @Test
    void itlIsDecodeTimeOverOslMinusOne() {
        // (45 − 10) / (5 − 1) = 8.75
        assertThat(InterTokenLatency.nanos(threeChunks)).hasValue(8.75);
    }

    @Test
    void itlCountsReasoningTokensInOsl() {
        RequestRecord reasoning = Timings.start(0).responses(10, 20, 45).output(2).reasoning(4).build();
        // OSL = 6, (45 − 10) / 5 = 7
        assertThat(InterTokenLatency.nanos(reasoning)).hasValue(7.0);
    }

    @Test
    void iclListsTheGapsBetweenResponses() {
        assertThat(InterChunkLatency.nanos(threeChunks)).containsExactly(15, 20);
    }

    @Test
    void outputTokenThroughputPerUserIsOneOverItlSeconds() {
        // ITL 8.75 ns → 1e9 / 8.75 tokens/s
        assertThat(OutputTokenThroughputPerUser.tokensPerSecond(threeChunks)).hasValue(1e9 / 8.75);
        RequestRecord itlTenMs = Timings.start(0).responses(5_000_000, 45_000_000).output(5).build();
        assertThat(OutputTokenThroughputPerUser.tokensPerSecond(itlTenMs).getAsDouble()).isCloseTo(100.0,
                within(1e-9));
    }

    @Test
    void prefillThroughputPerUserIsIslOverTtftSeconds() {
        RequestRecord record = Timings.start(0).responses(250_000_000).input(1000).output(1).build();
        assertThat(PrefillThroughputPerUser.tokensPerSecond(record)).hasValue(4000.0);
        assertThat(PrefillThroughputPerUser.tokensPerSecond(Timings.start(0).responses(5).build())).isEmpty();
    }

    @Test
    void noResponseMeansNoTimingMetric() {
        RequestRecord empty = Timings.start(100).end(200).output(0).build();
        assertThat(TimeToFirstToken.nanos(empty)).isEmpty();
        assertThat(TimeToSecondToken.nanos(empty)).isEmpty();
        assertThat(TimeToFirstOutputToken.nanos(empty)).isEmpty();
        assertThat(RequestLatency.nanos(empty)).isEmpty();
        assertThat(InterTokenLatency.nanos(empty)).isEmpty();
        assertThat(InterChunkLatency.nanos(empty)).isEmpty();
        assertThat(RequestLatencyFromIntendedStart.nanos(empty)).isEmpty();
    }

    @Test
    void oneResponseHasTtftAndLatencyButNoTtstItlOrIcl() {
        RequestRecord one = Timings.start(100).responses(130).output(1).build();
        assertThat(TimeToFirstToken.nanos(one)).hasValue(30);
        assertThat(RequestLatency.nanos(one)).hasValue(30);
        assertThat(TimeToSecondToken.nanos(one)).isEmpty();
        assertThat(InterTokenLatency.nanos(one)).isEmpty();
        assertThat(InterChunkLatency.nanos(one)).isEmpty();
        assertThat(OutputTokenThroughputPerUser.tokensPerSecond(one)).isEmpty();
    }

    @Test
    void oslBelowTwoHasNoItlEvenWithManyChunks() {
        RequestRecord oneToken = Timings.start(0).responses(10, 20, 30).output(1).build();
        assertThat(InterTokenLatency.nanos(oneToken)).isEmpty();
        assertThat(InterChunkLatency.nanos(oneToken)).containsExactly(10, 10);
    }

    @Test
    void ttfoSkipsReasoningChunks() {
        RequestRecord reasoning = Timings.start(100).responses(110, 150, 170).firstOutputAt(2).build();
        assertThat(TimeToFirstToken.nanos(reasoning)).hasValue(10);
        assertThat(TimeToFirstOutputToken.nanos(reasoning)).hasValue(70);
    }

    @Test
    void reasoningOnlyResponseHasTtftButNoTtfo() {
        RequestRecord reasoningOnly = Timings.start(100).responses(110, 120).firstOutputAt(-1).reasoning(2).build();
        assertThat(TimeToFirstToken.nanos(reasoningOnly)).hasValue(10);
        assertThat(TimeToFirstOutputToken.nanos(reasoningOnly)).isEmpty();
        assertThat(OutputSequenceLength.tokens(reasoningOnly)).hasValue(2);
    }

    @Test
    void oslAddsOutputAndReasoningAndIsMissingOnlyWhenBothAre() {
        assertThat(OutputSequenceLength.tokens(Timings.start(0).output(7).reasoning(3).build())).hasValue(10);
        assertThat(OutputSequenceLength.tokens(Timings.start(0).output(7).build())).hasValue(7);
        assertThat(OutputSequenceLength.tokens(Timings.start(0).reasoning(3).build())).hasValue(3);
        assertThat(OutputSequenceLength.tokens(Timings.start(0).build())).isEmpty();
    }

    @Test
    void missingTokenCountsAreNoValueNotZero() {
        RequestRecord noCounts = Timings.start(0).responses(10, 20).build();
        assertThat(InputSequenceLength.tokens(noCounts)).isEmpty();
        assertThat(OutputTokenCount.tokens(noCounts)).isEmpty();
        assertThat(ReasoningTokenCount.tokens(noCounts)).isEmpty();
        assertThat(InterTokenLatency.nanos(noCounts)).isEmpty();
        assertThat(RecordMetricValues.of(noCounts).scalars()).doesNotContainKeys(MetricTag.INPUT_SEQUENCE_LENGTH,
                MetricTag.OUTPUT_SEQUENCE_LENGTH, MetricTag.INTER_TOKEN_LATENCY);
    }

    @Test
    void tokenCountsComeFromTheRecord() {
        RequestRecord record = Timings.start(0).input(12).output(7).reasoning(3).build();
        assertThat(InputSequenceLength.tokens(record)).hasValue(12);
        assertThat(OutputTokenCount.tokens(record)).hasValue(7);
        assertThat(ReasoningTokenCount.tokens(record)).hasValue(3);
    }

    @Test
    void latenciesFromIntendedStartAddTheSendDelay() {
        RequestRecord late = Timings.start(100_000_000).intendedStart(0).responses(110_000_000, 150_000_000)
                .output(2).build();
        assertThat(SendDelay.nanos(late)).isEqualTo(100_000_000);
        assertThat(TimeToFirstToken.nanos(late)).hasValue(10_000_000);
        assertThat(TimeToFirstTokenFromIntendedStart.nanos(late)).hasValue(110_000_000);
        assertThat(RequestLatency.nanos(late)).hasValue(50_000_000);
        assertThat(RequestLatencyFromIntendedStart.nanos(late)).hasValue(150_000_000);
    }

    @Test
    void closedLoopHasNoSendDelay() {
        assertThat(SendDelay.nanos(threeChunks)).isZero();
        assertThat(RequestLatencyFromIntendedStart.nanos(threeChunks)).isEqualTo(RequestLatency.nanos(threeChunks));
    }
}
