package io.perfsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Valid specs parse with every default filled and survive JSON round trips unchanged. */
public class JobSpecParserTest {

    /** The example of DESIGN.md, "Contracts that users see", exactly as written there. */
    public static final String DESIGN_EXAMPLE = """
            {"apiVersion": "perfsweep/v1", "id": "nightly-2026-11-22", "name": "qwen3-0p6b-vllm-agg",
             "target": {"url": "http://vllm-agg-frontend:8000", "model": "Qwen/Qwen3-0.6B", "endpoint": "chat",
                        "deployment": {"mode": "aggregated", "tp": 1, "dp": 1}},
             "workload": {"type": "synthetic", "isl": 2000, "islStd": 10, "osl": 256},
             "load": {"type": "concurrency", "levels": [1, 2, 5, 10, 50, 100, 250], "requestCount": 300},
             "slo": {"ttftMs": 500, "itlMs": 50}}
            """;

    public static final String MINIMAL = """
            {"apiVersion":"perfsweep/v1","name":"x","target":{"url":"host:8000"}}""";

    /** Every field of the schema set, none to its default. */
    public static final String EVERY_FIELD = """
            {"apiVersion": "perfsweep/v1", "id": "run.42", "name": "qwen3-disagg",
             "target": {"url": "https://frontend.dynamo:8443/proxy", "model": "Qwen/Qwen3-8B", "endpoint": "completions",
                        "headers": {"Authorization": {"secretRef": "vllm-api-key"}},
                        "deployment": {"mode": "disaggregated", "prefillTp": 2, "prefillDp": 1, "decodeTp": 4, "decodeDp": 2}},
             "workload": {"type": "synthetic", "isl": 3000, "islStd": 0, "osl": 150, "oslStd": 5, "seed": 7},
             "load": {"type": "concurrency", "levels": [1, 8], "requestCount": 40, "warmupRequestCount": 4},
             "extras": {"minTokens": false, "ignoreEos": false, "nvextIgnoreEos": true},
             "slo": {"ttftMs": 500, "itlMs": 50, "requestLatencyMs": 9000, "minTokensPerSecPerUser": 20.5},
             "tags": {"gpu": "h100", "engine": "vllm"},
             "maxDurationSeconds": 3600}
            """;

    private final JobSpecParser parser = new JobSpecParser(JobLimits.DEFAULTS);

    @Test
    void theDesignExampleParsesAsWritten() {
        JobSpec spec = parser.parse(DESIGN_EXAMPLE);

        assertThat(spec.id()).isEqualTo("nightly-2026-11-22");
        assertThat(spec.name()).isEqualTo("qwen3-0p6b-vllm-agg");
        assertThat(spec.target()).isEqualTo(new JobTarget("http://vllm-agg-frontend:8000", "Qwen/Qwen3-0.6B",
                JobTarget.Endpoint.CHAT, Map.of(), new JobDeployment.Aggregated(1, 1)));
        assertThat(spec.workload()).isEqualTo(new JobWorkload.Synthetic(2000, 10, 256, 0, 100));
        assertThat(spec.load()).isEqualTo(new JobLoad.Concurrency(List.of(1, 2, 5, 10, 50, 100, 250), 300, 0));
        assertThat(spec.slo()).isEqualTo(new JobSlo(500.0, 50.0, null, null));
        assertThat(spec.gpuCount()).isEqualTo(1);
        assertThat(spec.deploymentLabel()).isEqualTo("agg-tp1-dp1");
    }

    @Test
    void aMinimalSpecGetsEveryDefault() {
        JobSpec spec = parser.parse(MINIMAL);

        assertThat(spec).isEqualTo(new JobSpec(null, "x",
                new JobTarget("host:8000", "Qwen/Qwen3-0.6B", JobTarget.Endpoint.CHAT, Map.of(), JobDeployment.DEFAULT),
                new JobWorkload.Synthetic(2000, 10, 256, 0, 100),
                new JobLoad.Concurrency(List.of(1, 2, 5, 10, 50, 100, 250), null, 0),
                new JobExtras(true, true, false), new JobSlo(null, null, null, null), Map.of(), Duration.ofHours(6)));
        assertThat(spec.load().totalRequestCount()).isEqualTo(10 + 10 + 15 + 30 + 150 + 300 + 750);
        assertThat(spec.gpuCount()).isEqualTo(1);
    }

    @Test
    void everyFieldIsRead() {
        JobSpec spec = parser.parse(EVERY_FIELD);

        assertThat(spec.target().headers()).containsExactly(Map.entry("Authorization", new SecretRef("vllm-api-key")));
        assertThat(spec.target().endpoint()).isEqualTo(JobTarget.Endpoint.COMPLETIONS);
        assertThat(spec.workload()).isEqualTo(new JobWorkload.Synthetic(3000, 0, 150, 5, 7));
        assertThat(spec.load()).isEqualTo(new JobLoad.Concurrency(List.of(1, 8), 40, 4));
        assertThat(spec.extras()).isEqualTo(new JobExtras(false, false, true));
        assertThat(spec.slo()).isEqualTo(new JobSlo(500.0, 50.0, 9000.0, 20.5));
        assertThat(spec.tags()).containsExactly(Map.entry("engine", "vllm"), Map.entry("gpu", "h100"));
        assertThat(spec.maxDuration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void disaggregatedGpusArePrefillPlusDecode() {
        JobSpec spec = parser.parse(EVERY_FIELD);

        assertThat(spec.gpuCount()).isEqualTo(2 * 1 + 4 * 2);
        assertThat(spec.deploymentLabel()).isEqualTo("disagg-p2x1-d4x2");
        assertThat(new JobDeployment.Aggregated(2, 4).gpuCount()).isEqualTo(8);
    }

    @Test
    void specsRoundTripThroughJsonWithDefaultsWritten() {
        for (String json : List.of(DESIGN_EXAMPLE, MINIMAL, EVERY_FIELD)) {
            JobSpec spec = parser.parse(json);
            String written = JobSpecJson.toJson(spec);

            assertThat(parser.parse(written)).isEqualTo(spec);
            assertThat(JobSpecJson.toJson(parser.parse(written))).isEqualTo(written);
        }
    }

    @Test
    void theMinimalSpecIsWrittenWithEveryDefault() {
        assertThat(JobSpecJson.toJson(parser.parse(MINIMAL))).isEqualTo("""
                {"apiVersion":"perfsweep/v1","id":null,"name":"x",\
                "target":{"url":"host:8000","model":"Qwen/Qwen3-0.6B","endpoint":"chat","headers":{},\
                "deployment":{"mode":"aggregated","tp":1,"dp":1}},\
                "workload":{"type":"synthetic","isl":2000,"islStd":10,"osl":256,"oslStd":0,"seed":100},\
                "load":{"type":"concurrency","levels":[1,2,5,10,50,100,250],"requestCount":null,"warmupRequestCount":0},\
                "extras":{"minTokens":true,"ignoreEos":true,"nvextIgnoreEos":false},\
                "slo":{"ttftMs":null,"itlMs":null,"requestLatencyMs":null,"minTokensPerSecPerUser":null},\
                "tags":{},"maxDurationSeconds":21600}""");
    }

    @Test
    void laterTypesParseIntoTheirRecordsAndRoundTrip() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"replay","target":{"url":"host:8000"},
                 "workload":{"type":"trace","file":"/traces/mooncake.jsonl"},
                 "load":{"type":"replay","speedup":2}}""");
        JobSpec rate = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"rate","target":{"url":"host:8000"},
                 "load":{"type":"rate","rates":[1.5,4],"arrival":"constant","maxConcurrency":64}}""");

        assertThat(spec.workload()).isEqualTo(new JobWorkload.Trace("/traces/mooncake.jsonl", null, null, 512, 0));
        assertThat(spec.load()).isEqualTo(new JobLoad.Replay(2.0));
        assertThat(rate.load()).isEqualTo(new JobLoad.Rate(List.of(1.5, 4.0), JobLoad.Arrival.CONSTANT, 64, null, 0));
        assertThat(rate.load().totalRequestCount()).isEqualTo(10 + 12);
        assertThat(parser.parse(JobSpecJson.toJson(spec))).isEqualTo(spec);
        assertThat(parser.parse(JobSpecJson.toJson(rate))).isEqualTo(rate);
    }

    @Test
    void searchLoadsParseWithTheirDefaultsAndRoundTrip() {
        JobSpec concurrency = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"limit","target":{"url":"host:8000"},
                 "load":{"type":"search","max":128},"slo":{"ttftMs":500,"itlMs":50}}""");
        JobSpec rate = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"limit","target":{"url":"host:8000"},
                 "load":{"type":"search","over":"rate","min":0.5,"max":40,"goodRequestFraction":0.95,
                         "arrival":"constant","requestCount":200,"trials":3},"slo":{"ttftMs":500}}""");

        assertThat(concurrency.load()).isEqualTo(new JobLoad.Search(JobLoad.Over.CONCURRENCY, 1, 128, 0.99, 0.05, 12,
                null, 0, JobLoad.Arrival.POISSON, null, null, 1));
        // 12 probes at most, each at most max(3·128, 100) requests
        assertThat(concurrency.load().totalRequestCount()).isEqualTo(12 * 384);
        assertThat(rate.load()).isEqualTo(new JobLoad.Search(JobLoad.Over.RATE, 0.5, 40, 0.95, 0.05, 12, 200, 0,
                JobLoad.Arrival.CONSTANT, null, null, 3));
        assertThat(parser.parse(JobSpecJson.toJson(concurrency))).isEqualTo(concurrency);
        assertThat(parser.parse(JobSpecJson.toJson(rate))).isEqualTo(rate);
        assertThat(JobSpecJson.toTree(concurrency).path("load").path("max").isIntegralNumber()).isTrue();
    }

    @Test
    void timeoutsRoundTripAndAreWrittenOnlyWhenGiven() {
        JobSpec timed = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"timed","target":{"url":"host:8000"},
                 "load":{"levels":[1],"requestTimeoutSeconds":30}}""");
        JobSpec untimed = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"untimed","target":{"url":"host:8000"},"load":{"levels":[1]}}""");

        assertThat(timed.load().timeouts()).isEqualTo(new JobTimeouts(30.0, null));
        assertThat(parser.parse(JobSpecJson.toJson(timed))).isEqualTo(timed);
        assertThat(JobSpecJson.toTree(timed).path("load").path("requestTimeoutSeconds").asDouble()).isEqualTo(30.0);
        assertThat(untimed.load().timeouts()).isEqualTo(JobTimeouts.SERVICE_DEFAULTS);
        assertThat(JobSpecJson.toTree(untimed).path("load").has("requestTimeoutSeconds")).isFalse();
    }

    @Test
    void sliceDurationsRoundTripAndAreWrittenOnlyWhenGiven() {
        JobSpec sliced = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"sliced","target":{"url":"host:8000"},
                 "load":{"type":"rate","rates":[2],"sliceDurationSeconds":2.5}}""");
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"replay","target":{"url":"host:8000"},
                 "workload":{"type":"trace","file":"/traces/t.jsonl"},"load":{"type":"replay","sliceDurationSeconds":1}}""");
        JobSpec unsliced = parser.parse(MINIMAL);

        assertThat(sliced.load().sliceDurationSeconds()).isEqualTo(2.5);
        assertThat(replay.load().sliceDurationSeconds()).isEqualTo(1.0);
        assertThat(parser.parse(JobSpecJson.toJson(sliced))).isEqualTo(sliced);
        assertThat(parser.parse(JobSpecJson.toJson(replay))).isEqualTo(replay);
        assertThat(JobSpecJson.toTree(sliced).path("load").path("sliceDurationSeconds").asDouble()).isEqualTo(2.5);
        assertThat(unsliced.load().sliceDurationSeconds()).isNull();
        assertThat(JobSpecJson.toTree(unsliced).path("load").has("sliceDurationSeconds")).isFalse();
    }

    @Test
    void aBaselineRoundTripsAndIsWrittenOnlyWhenGiven() {
        JobSpec byId = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"candidate","target":{"url":"host:8000"},
                 "baseline":{"jobId":"nightly-1"}}""");
        JobSpec byName = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"candidate","target":{"url":"host:8000"},
                 "baseline":{"name":"main"}}""");

        assertThat(byId.baseline()).isEqualTo(new JobBaseline("nightly-1", null));
        assertThat(byName.baseline()).isEqualTo(new JobBaseline(null, "main"));
        assertThat(parser.parse(JobSpecJson.toJson(byId))).isEqualTo(byId);
        assertThat(parser.parse(JobSpecJson.toJson(byName))).isEqualTo(byName);
        assertThat(JobSpecJson.toTree(byName).path("baseline").toString()).isEqualTo("{\"name\":\"main\"}");
        assertThat(parser.parse(MINIMAL).baseline()).isNull();
        assertThat(JobSpecJson.toTree(parser.parse(MINIMAL)).has("baseline")).isFalse();
    }

    @Test
    void trialsRoundTripCountInTheTotalAndAreWrittenOnlyAboveOne() {
        JobSpec trials = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"trials","target":{"url":"host:8000"},
                 "load":{"levels":[1,4],"requestCount":100,"warmupRequestCount":5,"trials":3}}""");
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"replay","target":{"url":"host:8000"},
                 "workload":{"type":"trace","file":"/t.jsonl"},"load":{"type":"replay","trials":2}}""");

        assertThat(trials.load()).isEqualTo(new JobLoad.Concurrency(List.of(1, 4), 100, 5,
                JobTimeouts.SERVICE_DEFAULTS, null, 3));
        // every trial measures its requests; the warm-up runs before the first trial only
        assertThat(trials.load().totalRequestCount()).isEqualTo(2 * (3 * 100 + 5));
        assertThat(replay.load().trials()).isEqualTo(2);
        assertThat(parser.parse(JobSpecJson.toJson(trials))).isEqualTo(trials);
        assertThat(parser.parse(JobSpecJson.toJson(replay))).isEqualTo(replay);
        assertThat(JobSpecJson.toTree(trials).path("load").path("trials").asInt()).isEqualTo(3);
        assertThat(parser.parse(MINIMAL).load().trials()).isEqualTo(1);
        assertThat(JobSpecJson.toTree(parser.parse(MINIMAL)).path("load").has("trials")).isFalse();
    }

    @Test
    void workersDefaultToOneRoundTripAndAreWrittenOnlyAboveOne() {
        JobSpec shared = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"shared","target":{"url":"host:8000"},
                 "load":{"levels":[200],"requestCount":400,"workers":2}}""");
        JobSpec rate = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"shared-rate","target":{"url":"host:8000"},
                 "load":{"type":"rate","rates":[50],"workers":3}}""");
        JobSpec replay = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"shared-replay","target":{"url":"host:8000"},
                 "workload":{"type":"trace","file":"t.jsonl"},"load":{"type":"replay","speedup":2,"workers":4}}""");

        assertThat(shared.load()).isEqualTo(new JobLoad.Concurrency(List.of(200), 400, 0,
                JobTimeouts.SERVICE_DEFAULTS, null, 1, 2));
        assertThat(rate.load().workers()).isEqualTo(3);
        assertThat(parser.parse(JobSpecJson.toJson(shared))).isEqualTo(shared);
        assertThat(parser.parse(JobSpecJson.toJson(rate))).isEqualTo(rate);
        assertThat(replay.load()).isEqualTo(new JobLoad.Replay(2, JobTimeouts.SERVICE_DEFAULTS, null, 1, 4));
        assertThat(parser.parse(JobSpecJson.toJson(replay))).isEqualTo(replay);
        assertThat(JobSpecJson.toTree(shared).path("load").path("workers").asInt()).isEqualTo(2);
        assertThat(parser.parse(MINIMAL).load().workers()).isEqualTo(1);
        assertThat(JobSpecJson.toTree(parser.parse(MINIMAL)).path("load").has("workers")).isFalse();
    }

    @Test
    void aPrefixJobWithoutALoadTakesTheRouterScriptsAndKeepsItsUrlsThroughJson() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"router","target":{"url":"http://a:8000",
                 "additionalUrls":["http://b:8000"]},"workload":{"type":"prefix","prefixRatios":[0.5]}}""");

        assertThat(spec.workload()).isEqualTo(new JobWorkload.Prefix(List.of(0.5), 14000, 200, 20, 0));
        assertThat(spec.load()).isEqualTo(new JobLoad.Concurrency(List.of(20), 200, 0));
        assertThat(spec.target().urls()).containsExactly("http://a:8000", "http://b:8000");
        assertThat(parser.parse(JobSpecJson.toJson(spec))).isEqualTo(spec);
        // A job with one URL writes no additionalUrls: its canonical text, hence its dedup key, is unchanged.
        assertThat(JobSpecJson.toJson(parser.parse(MINIMAL))).doesNotContain("additionalUrls");
    }

    @Test
    void aPlannerProfileTakesTheProfilersDefaultsAndKeepsOnlyItsTimeoutsAsLoad() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"profile","target":{"url":"http://vllm:8000"},
                 "workload":{"type":"plannerProfile","maxContextLength":8192}}""");

        assertThat(spec.workload()).isEqualTo(new JobWorkload.PlannerProfile(8192, 16, 6, 500, 1, 1, null, 100));
        assertThat(spec.load().timeouts()).isEqualTo(JobTimeouts.SERVICE_DEFAULTS);
        assertThat(parser.parse(JobSpecJson.toJson(spec))).isEqualTo(spec);
        assertThat(JobSpecJson.toTree(spec).path("load").toString()).isEqualTo("{\"type\":\"concurrency\"}");

        JobSpec every = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"profile","target":{"url":"http://vllm:8000"},
                 "workload":{"type":"plannerProfile","maxContextLength":4096,"prefillGranularity":8,
                             "decodeGranularity":4,"decodeOsl":200,"gpusPerEngine":2,"attentionDp":2,
                             "maxKvTokens":100000,"seed":7},
                 "load":{"requestTimeoutSeconds":900}}""");
        assertThat(every.workload()).isEqualTo(new JobWorkload.PlannerProfile(4096, 8, 4, 200, 2, 2, 100000L, 7));
        assertThat(every.load().timeouts()).isEqualTo(new JobTimeouts(900.0, null));
        assertThat(parser.parse(JobSpecJson.toJson(every))).isEqualTo(every);
    }

    @Test
    void serverMetricsAreOnByDefaultAndTheirSettingsSurviveJsonOnlyWhenGiven() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"x","target":{"url":"http://frontend:8000/v1",
                 "metricsUrls":["worker:8081","http://dcgm:9400/metrics"]}}""");

        assertThat(spec.target().serverMetrics()).isTrue();
        assertThat(spec.target().metricsUrls()).containsExactly("worker:8081", "http://dcgm:9400/metrics");
        assertThat(parser.parse(JobSpecJson.toJson(spec))).isEqualTo(spec);
        JobSpec off = parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"x","target":{"url":"host:8000","serverMetrics":false}}""");
        assertThat(off.target().serverMetrics()).isFalse();
        assertThat(parser.parse(JobSpecJson.toJson(off))).isEqualTo(off);
        // the defaults write nothing: the canonical text (the dedup key) of existing jobs is unchanged
        assertThat(JobSpecJson.toJson(parser.parse(MINIMAL))).doesNotContain("serverMetrics", "metricsUrls");
    }

    @Test
    void nullMeansAbsentAndIntegralNumbersAreIntegers() {
        JobSpec spec = parser.parse("""
                {"apiVersion":"perfsweep/v1","id":null,"name":"x","target":{"url":"host:8000","model":null},
                 "workload":{"isl":4e3},"load":{"levels":[1.0,2]}}""");

        assertThat(spec.target().model()).isEqualTo("Qwen/Qwen3-0.6B");
        assertThat(((JobWorkload.Synthetic) spec.workload()).islTokens()).isEqualTo(4000);
        assertThat(((JobLoad.Concurrency) spec.load()).levels()).containsExactly(1, 2);
    }
}
