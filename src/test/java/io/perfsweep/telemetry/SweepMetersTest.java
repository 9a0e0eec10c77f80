package io.perfsweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;

/** The meters of one label set: what is recorded live, what at point end, and which labels they carry. */
class SweepMetersTest {

    private static final long MS = 1_000_000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SweepMeters meters = new SweepMeters(registry, new SweepLabels("bench", "http://t:8000", "m"));

    @Test
    void requestsAreInFlightFromSendToFinishAndCountedByOutcome() {
        meters.pointStarted(1, 4);
        meters.requestSent();
        meters.requestSent();
        assertThat(gauge("perfsweep.requests.in.flight")).isEqualTo(2);
        assertThat(gauge("perfsweep.point.concurrency")).isEqualTo(4);
        assertThat(gauge("perfsweep.point.index")).isEqualTo(1);

        meters.requestFinished(valid(10 * MS, 4, null));
        meters.requestFinished(failed());

        assertThat(gauge("perfsweep.requests.in.flight")).isZero();
        assertThat(registry.get("perfsweep.requests").tag("outcome", "ok").counter().count()).isEqualTo(1);
        assertThat(registry.get("perfsweep.requests").tag("outcome", "timeout").counter().count()).isEqualTo(1);
        assertThat(registry.get("perfsweep.input.tokens").counter().count()).isEqualTo(200);
        assertThat(registry.get("perfsweep.content.responses").counter().count()).isEqualTo(4);
        meters.sweepEnded();
        assertThat(gauge("perfsweep.point.concurrency")).isZero();
    }

    @Test
    void ttftAndLatencyAreLiveItlAndOutputTokensComeWithTheTokenizedRecordsAtPointEnd() {
        meters.requestSent();
        meters.requestFinished(valid(10 * MS, 4, null));

        assertThat(registry.get("perfsweep.request.ttft").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
        // Latency ends at the last of 4 responses 5 ms apart: 10 + 15 ms.
        assertThat(registry.get("perfsweep.request.latency").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(25);
        assertThat(registry.get("perfsweep.request.itl").timer().count()).isZero();

        meters.pointMeasured(List.of(valid(10 * MS, 4, 4), failed()));

        // (25 − 10) ms over 3 gaps: AIPerf's ITL.
        assertThat(registry.get("perfsweep.request.itl").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat(registry.get("perfsweep.output.tokens").counter().count()).isEqualTo(4);
    }

    @Test
    void everyMeterCarriesExactlyTheBoundedLabels() {
        meters.requestFinished(failed());
        for (Meter meter : registry.getMeters()) {
            var keys = meter.getId().getTags().stream().map(tag -> tag.getKey()).toList();
            assertThat(meter.getId().getName()).startsWith("perfsweep.");
            assertThat(keys).containsAll(List.of("benchmark", "target", "model"))
                    .isSubsetOf("benchmark", "target", "model", "outcome", "le"); // le: a histogram bucket
        }
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static RequestRecord valid(long ttftNanos, int responses, Integer outputTokens) {
        long sent = 1_000 * MS;
        long[] times = new long[responses];
        for (int i = 0; i < responses; i++) {
            times[i] = sent + ttftNanos + i * 5 * MS;
        }
        return new RequestRecord(sent, sent, times[responses - 1] + MS, 0, times, 0, 200, outputTokens, null, 4, null,
                null);
    }

    private static RequestRecord failed() {
        long sent = 1_000 * MS;
        return new RequestRecord(sent, sent, sent + 30 * MS, 0, new long[0], -1, null, null, null, 4, null,
                new RequestError(0, "TIMEOUT", "no response in 30 ms"));
    }
}
