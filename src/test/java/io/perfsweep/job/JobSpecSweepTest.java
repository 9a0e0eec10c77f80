package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.perfsweep.client.EndpointKind;
import io.perfsweep.load.ArrivalSchedule;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.metrics.Slo;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobLimits;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobSpecParser;
import io.perfsweep.spec.JobSpecParserTest;
import io.perfsweep.workload.TraceRequest;

/** A job becomes the sweep engine's spec; what cannot run is refused with a clear reason. */
class JobSpecSweepTest {

    private final JobSpecParser parser = new JobSpecParser(JobLimits.DEFAULTS);

    @Test
    void theDesignExampleBecomesSevenPointsOfThreeHundredRequests() {
        SweepSpec sweep = SweepSpecs.toSweepSpec(parser.parse(JobSpecParserTest.DESIGN_EXAMPLE), ClientDefaults.DEFAULTS,
                SecretResolver.NONE, null);

        assertThat(sweep.benchmarkName()).isEqualTo("qwen3-0p6b-vllm-agg");
        assertThat(sweep.model()).isEqualTo("Qwen/Qwen3-0.6B");
        assertThat(sweep.client().baseUrl()).isEqualTo("http://vllm-agg-frontend:8000");
        assertThat(sweep.client().endpoint()).isEqualTo(EndpointKind.CHAT);
        assertThat(sweep.client().maxConnections()).isEqualTo(250);
        assertThat(sweep.client().headers()).isEmpty();
        assertThat(sweep.workload()).isEqualTo(new SweepSpec.SyntheticSpec(2000, 10, 256, 0, 100));
        assertThat(sweep.extras()).isEqualTo(SweepSpec.RequestExtras.DYNAMO_DEFAULTS);
        assertThat(sweep.plan().points()).extracting(LoadPoint::concurrency).containsExactly(1, 2, 5, 10, 50, 100, 250);
        assertThat(sweep.plan().points()).extracting(LoadPoint::requestCount).containsOnly(300);
        assertThat(sweep.slo()).isEqualTo(new Slo(500.0, 50.0, null, null));
    }

    @Test
    void withoutARequestCountEachLevelGetsDynamosDefault() {
        SweepSpec sweep = SweepSpecs.toSweepSpec(parser.parse(JobSpecParserTest.MINIMAL), ClientDefaults.DEFAULTS,
                SecretResolver.NONE, null);

        assertThat(sweep.plan().points()).extracting(LoadPoint::requestCount).containsExactly(10, 10, 15, 30, 150, 300,
                750);
        assertThat(sweep.client().target().host()).isEqualTo("host");
        assertThat(sweep.slo().isEmpty()).isTrue();
    }

    @Test
    void secretHeadersAreResolvedAndOverrideServiceHeaders() {
        var client = new ClientDefaults(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Map.of("authorization", "Bearer service", "X-Team", "perf"));
        SecretResolver secrets = name -> name.equals("vllm-api-key") ? Optional.of("Bearer job") : Optional.empty();

        SweepSpec sweep = SweepSpecs.toSweepSpec(parser.parse(JobSpecParserTest.EVERY_FIELD), client, secrets, null);

        assertThat(sweep.client().headers()).containsOnly(Map.entry("Authorization", "Bearer job"),
                Map.entry("X-Team", "perf"));
        assertThat(sweep.client().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sweep.client().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sweep.client().endpoint()).isEqualTo(EndpointKind.COMPLETIONS);
        assertThat(sweep.extras()).isEqualTo(new SweepSpec.RequestExtras(false, false, true));
        assertThat(sweep.plan().points()).containsExactly(new LoadPoint(1, 40, 4), new LoadPoint(8, 40, 4));
    }

    @Test
    void aJobsOwnTimeoutsWinOverTheServicesAndAbsentOnesKeepThem() {
        var service = new ClientDefaults(Duration.ofSeconds(600), Duration.ofSeconds(60), Map.of());
        String job = "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\"},\"load\":";
        SweepSpec both = SweepSpecs.toSweepSpec(
                parser.parse(job + "{\"levels\":[1],\"requestTimeoutSeconds\":2.5,\"idleTimeoutSeconds\":0}}"),
                service, SecretResolver.NONE, null);
        SweepSpec idleOnly = SweepSpecs.toSweepSpec(
                parser.parse(job + "{\"type\":\"rate\",\"rates\":[2],\"idleTimeoutSeconds\":0.25}}"),
                service, SecretResolver.NONE, null);

        assertThat(both.client().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(both.client().idleTimeout()).isZero();
        assertThat(idleOnly.client().requestTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(idleOnly.client().idleTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theTargetsOwnMetricsAndItsMetricsUrlsAreScrapedUnlessServerMetricsIsOff() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"x","target":{"url":"http://frontend:8000/v1",
                 "metricsUrls":["worker:8081","http://dcgm:9400/metrics"]}}""");
        JobSpec off = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"x","target":{"url":"host:8000","serverMetrics":false}}""");

        assertThat(SweepSpecs.serverMetrics(spec.target())).containsExactly("http://frontend:8000/metrics",
                "http://worker:8081/metrics", "http://dcgm:9400/metrics");
        assertThat(SweepSpecs.serverMetrics(off.target())).isEmpty();
    }

    @Test
    void anUnknownSecretIsAClearReason() {
        var error = catchThrowableOfType(InvalidJobException.class,
                () -> SweepSpecs.toSweepSpec(parser.parse(JobSpecParserTest.EVERY_FIELD), ClientDefaults.DEFAULTS,
                        SecretResolver.NONE, null));

        assertThat(error.reason()).isEqualTo(
                "target.headers.Authorization.secretRef = \"vllm-api-key\" names a secret this service does not have");
    }

    @Test
    void aPrefixJobIsTheRouterBenchmarkOverEveryUrlWithOnePointPerRatio() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"router","target":{"url":"http://a:8000",
                 "additionalUrls":["http://b:8000"]},"workload":{"type":"prefix","prefixRatios":[0.2,0.8],"seed":3},
                 "load":{"levels":[6],"requestCount":11}}""");

        SweepSpec sweep = SweepSpecs.toSweepSpec(spec, ClientDefaults.DEFAULTS, SecretResolver.NONE, null);
        var benchmark = SweepSpecs.prefixRatioSpec(spec);

        assertThat(sweep.plan().points()).containsExactly(new LoadPoint(6, 11, 0), new LoadPoint(6, 11, 0));
        assertThat(benchmark).isEqualTo(new PrefixRatioSpec(List.of(0.2, 0.8), 14000, 200,
                11, 6, 20, 3, List.of("http://a:8000", "http://b:8000")));
        assertThat(benchmark.label(1)).isEqualTo("prefix_ratio_0.8_seed_4");
    }

    @Test
    void aTraceReplaysAsOnePointAndRunsInOrderAtEachLevelAndRateBuildsOpenLoopPoints() {
        var rows = List.of(new TraceRequest(0L, 600, 10, new long[] { 1, 2 }),
                new TraceRequest(250L, 100, 30, new long[] { 1 }));
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"h:1"},
                 "workload":{"type":"trace","traceId":"trace-1","blockSize":512,"seed":3},
                 "load":{"type":"replay","speedup":4}}""");
        JobSpec levels = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"h:1"},
                 "workload":{"type":"trace","file":"a.jsonl"},"load":{"type":"concurrency","levels":[1,4]}}""");
        JobSpec rate = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"r","target":{"url":"h:1"},"load":{"type":"rate","rates":[2]}}""");

        SweepSpec replaySweep = SweepSpecs.toSweepSpec(replay, ClientDefaults.DEFAULTS, SecretResolver.NONE, rows);
        assertThat(replaySweep.plan().points()).containsExactly(LoadPoint.replay(4, 2));
        assertThat(replaySweep.trace()).isEqualTo(new SweepSpec.TraceSpec(rows, 512, 3));
        assertThat(replaySweep.workload()).isEqualTo(new SweepSpec.SyntheticSpec(350, 0, 20, 0, 3));
        assertThat(SweepSpecs.toSweepSpec(levels, ClientDefaults.DEFAULTS, SecretResolver.NONE, rows).plan().points())
                .containsExactly(new LoadPoint(1, 2, 0), new LoadPoint(4, 2, 0));
        SweepSpec sweep = SweepSpecs.toSweepSpec(rate, ClientDefaults.DEFAULTS, SecretResolver.NONE, null);
        assertThat(sweep.plan().points()).singleElement().satisfies(point -> {
            assertThat(point.label()).isEqualTo("r2");
            assertThat(point.openLoop().arrival()).isEqualTo(ArrivalSchedule.Arrival.POISSON);
            assertThat(point.openLoop().capped()).isFalse();
            assertThat(point.requestCount()).isEqualTo(10);
        });
    }

    @Test
    void aReplayOfRowsWithoutTimestampsIsRefusedNamingThem() {
        var rows = List.of(new TraceRequest(0L, 100, 10, new long[] { 1 }),
                new TraceRequest(null, 100, 10, new long[] { 2 }));
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"h:1"},
                 "workload":{"type":"trace","traceId":"trace-1"},"load":{"type":"replay"}}""");

        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> SweepSpecs.toSweepSpec(replay, ClientDefaults.DEFAULTS, SecretResolver.NONE, rows)).reason())
                .isEqualTo("load.type 'replay' sends each trace row at its timestamp, but 1 row(s) have none: rows 2;"
                        + " use load.type 'concurrency' to send them in order");
    }

    @Test
    void aReplayNeedsTimestampsOnlyOnFirstTurnsOfSessions() {
        var rows = List.of(new TraceRequest(0L, 100, 10, new long[] { 1 }, "s", 0),
                new TraceRequest(null, 100, 10, new long[] { 2 }, "s", 50),
                new TraceRequest(null, 100, 10, new long[] { 3 }, "t", 0));
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"h:1"},
                 "workload":{"type":"trace","traceId":"trace-1"},"load":{"type":"replay"}}""");

        // Row 2 is a later turn of session s (sent after row 1); row 3 is the first turn of t and needs a timestamp.
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> SweepSpecs.toSweepSpec(replay, ClientDefaults.DEFAULTS, SecretResolver.NONE, rows)).reason())
                .isEqualTo("load.type 'replay' sends each trace row at its timestamp, but 1 row(s) have none: rows 3;"
                        + " use load.type 'concurrency' to send them in order");
        assertThat(SweepSpecs.toSweepSpec(replay, ClientDefaults.DEFAULTS, SecretResolver.NONE, rows.subList(0, 2)).plan()
                .points()).singleElement().satisfies(point -> assertThat(point.isReplay()).isTrue());
    }
}
