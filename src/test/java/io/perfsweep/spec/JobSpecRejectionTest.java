package io.perfsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Every rejection comes with the exact reason the intake stores and publishes. */
class JobSpecRejectionTest {

    private final JobSpecParser parser = new JobSpecParser(JobLimits.DEFAULTS);

    /** A valid job with {@code fields} appended to its top-level object. */
    private static String job(String fields) {
        return "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\"}"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private String reason(String json) {
        return catchThrowableOfType(InvalidJobException.class, () -> parser.parse(json)).reason();
    }

    @Test
    void bytesThatAreNotUtf8AreRejectedWhereTheyAreNotReplaced() {
        String job = "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                + "\"model\":\"caf\u00e9\"}}";

        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> parser.parse(job.getBytes(StandardCharsets.ISO_8859_1))).reason())
                .isEqualTo("the job is not valid UTF-8: the byte at offset 80 (0xe9) does not start or continue a"
                        + " UTF-8 character");
        assertThat(parser.parse(job.getBytes(StandardCharsets.UTF_8)).target().model()).isEqualTo("caf\u00e9");
    }

    @Test
    void notJson() {
        assertThat(reason("not json")).isEqualTo("the job is not valid JSON: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 1)");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\","))
                .isEqualTo("the job is not valid JSON: Unexpected end-of-input within/between Object entries"
                        + " (line 1, column 30)");
        assertThat(reason(" ")).isEqualTo("the job is empty: expected a JSON object");
        assertThat(reason("[1,2]")).isEqualTo("the job must be a JSON object, was [1,2]");
    }

    @Test
    void duplicateKeysAndTrailingTextAreNotJson() {
        assertThat(reason("{\"name\":\"x\",\"name\":\"y\"}"))
                .isEqualTo("the job is not valid JSON: Duplicate field 'name' (line 1, column 19)");
        assertThat(reason(job("") + " {}"))
                .isEqualTo("the job is not valid JSON: there is more after the end of the job (line 1, column 71)");
    }

    @Test
    void jsonErrorsSayWhatIsWrongAndWhereWithoutTheParsersInternals() {
        assertThat(reason("{\"osl\": NaN}"))
                .isEqualTo("the job is not valid JSON: Non-standard token 'NaN' (line 1, column 12)");
        assertThat(reason("// a job\n{}")).isEqualTo("the job is not valid JSON: Unexpected character ('/' (code 47)):"
                + " maybe a (non-standard) comment? (line 1, column 1)");
        assertThat(reason("{\"a\":" + "[".repeat(1001))).isEqualTo("the job is not valid JSON: Document nesting depth"
                + " (1001) exceeds the maximum allowed (1000) (line 1, column 1006)");
        assertThat(reason("{\"a\":" + "1".repeat(1001) + "}")).isEqualTo("the job is not valid JSON: Number value"
                + " length (1001) exceeds the maximum allowed (1000) (line 1, column 1007)");

        String[] notJson = { "{\"a\": +1}", "{\"a\": 1}\n5", "{'a': 1}", "{\"a\": 01}", "{\"a\": \"\u0001\"}",
                "{\"a\": Infinity}", "{\"a\": [1,]}", "{\"a\": \"x\\q\"}", "\"abc", "{a: 1}", "#!\n{}" };
        for (String text : notJson) {
            assertThat(reason(text)).as(text).matches("the job is not valid JSON: [^`]+ \\(line \\d+, column \\d+\\)")
                    .doesNotContain("Feature", "StreamReadConstraints", "com.fasterxml", "REDACTED", "Source");
        }
    }

    @Test
    void wrongTypes() {
        assertThat(reason(job("\"load\":{\"levels\":\"ten\"}")))
                .isEqualTo("load.levels = \"ten\" must be an array of integers");
        assertThat(reason(job("\"load\":{\"levels\":[10000000000,2.5,\"x\"]}"))).isEqualTo(
                "load.levels[0] = 10000000000 must be a 32-bit integer (at most 2147483647); load.levels[1] = 2.5"
                        + " must be an integer; load.levels[2] = \"x\" must be an integer");
        assertThat(reason(job("\"extras\":{\"minTokens\":\"yes\"},\"workload\":[]")))
                .isEqualTo("workload = [] must be an object; extras.minTokens = \"yes\" must be true or false");
    }

    @Test
    void anUnknownOrMissingApiVersionIsReportedWithEveryOtherViolation() {
        assertThat(reason("{\"apiVersion\":\"perfsweep/v2\",\"name\":\"plots\",\"levels\":1}")).isEqualTo(
                "apiVersion = \"perfsweep/v2\" is not supported; the supported version is perfsweep/v1; levels is not a"
                        + " field of a job; known fields: apiVersion, id, name, target, workload, load, extras, slo,"
                        + " tags, maxDurationSeconds, baseline; name = \"plots\" is reserved for plot output; choose another name;"
                        + " target is required");
        assertThat(reason("{\"name\":\"x\",\"target\":{\"url\":\"htp:/bad\"}}")).isEqualTo("apiVersion is required;"
                + " the supported version is perfsweep/v1; target.url = \"htp:/bad\" has neither http(s):// nor a port:"
                + " use http(s)://host[:port][/path] or host:port");
        assertThat(reason("{\"apiVersion\":2,\"name\":\"x\",\"target\":{\"url\":\"h:1\"}}"))
                .isEqualTo("apiVersion = 2 must be a string");
    }

    @Test
    void badNames() {
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"bad name!\",\"target\":{\"url\":\"h:1\"}}"))
                .isEqualTo("name = \"bad name!\" must be 1 to 128 letters, digits, '-' or '_'");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"plots\",\"target\":{\"url\":\"h:1\"}}"))
                .isEqualTo("name = \"plots\" is reserved for plot output; choose another name");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"target\":{\"url\":\"h:1\"}}")).isEqualTo("name is required");
        assertThat(reason(job("\"id\":\"a b\""))).isEqualTo("id = \"a b\" must be 1 to 128 letters, digits, '.', '-' or '_'");
    }

    @Test
    void concurrencyZeroAndAboveTheCeiling() {
        assertThat(reason(job("\"load\":{\"levels\":[0]}"))).isEqualTo("load.levels[0] = 0 must be at least 1");
        assertThat(reason(job("\"load\":{\"levels\":[1,2,5,1000000000]}"))).isEqualTo(
                "load.levels[3] = 1000000000 exceeds the maximum concurrency 4096 (perfsweep.limits.max-concurrency)");
    }

    @Test
    void missingTarget() {
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\"}")).isEqualTo("target is required");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{}}"))
                .isEqualTo("target.url is required");
    }

    @Test
    void syntacticallyInvalidUrls() {
        assertThat(reason(url("http://exa mple:80"))).isEqualTo("target.url = \"http://exa mple:80\" is not a valid URL:"
                + " use http(s)://host[:port][/path] or host:port");
        assertThat(reason(url("ftp://h:80"))).isEqualTo("target.url = \"ftp://h:80\" must use http or https, not ftp");
        assertThat(reason(url("h:99999"))).isEqualTo("target.url = \"h:99999\" has no valid host and port:"
                + " use http(s)://host[:port][/path] or host:port");
        assertThat(reason(url("http://h:80/?q=1")))
                .isEqualTo("target.url = \"http://h:80/?q=1\" must not have a query or a fragment");
    }

    @Test
    void aMistypedSchemeOrAPortOutsideOneTo65535IsRefusedAtSubmission() {
        String shape = " use http(s)://host[:port][/path] or host:port";
        assertThat(reason(url("htp:/bad"))).isEqualTo("target.url = \"htp:/bad\" has neither http(s):// nor a port:"
                + shape);
        assertThat(reason(url("vllm-frontend"))).isEqualTo("target.url = \"vllm-frontend\" has neither http(s)://"
                + " nor a port:" + shape);
        assertThat(reason(url("htp://h:80"))).isEqualTo("target.url = \"htp://h:80\" must use http or https, not htp");
        assertThat(reason(url("http://h:0"))).isEqualTo("target.url = \"http://h:0\" has no valid host and port:"
                + shape);
        assertThat(reason(url("h:0"))).isEqualTo("target.url = \"h:0\" has no valid host and port:" + shape);
        assertThat(reason(url("http://h:65536"))).isEqualTo("target.url = \"http://h:65536\" has no valid host and"
                + " port:" + shape);
        assertThat(reason(url("http:///v1"))).isEqualTo("target.url = \"http:///v1\" has no valid host and port:"
                + shape);
    }

    @Test
    void validUrlsInEveryDocumentedShapeAreAccepted() {
        for (String valid : new String[] { "h:1", "h:65535/v1", "http://h", "https://h:443/proxy", "[::1]:8000" }) {
            assertThat(parser.parse(url(valid)).target().url()).isEqualTo(valid);
        }
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThat(reason(url("http://user:s3cret@h:80"))).isEqualTo("target.url must not contain credentials"
                + " (user:password@): send them in target.headers by secret reference");
    }

    @Test
    void aLiteralAuthorizationHeaderIsRefusedWithoutEchoingIt() {
        String reason = reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\","
                + "\"headers\":{\"Authorization\":\"Bearer sk-123\"}}}");

        assertThat(reason).isEqualTo("target.headers.Authorization must be a secret reference such as"
                + " {\"secretRef\": \"vllm-api-key\"}, not a literal value: job specs are stored and published, so they"
                + " never carry secrets");
        assertThat(reason).doesNotContain("sk-123");
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        assertThat(reason(job("\"concurency\":[1,2]"))).isEqualTo("concurency is not a field of a job; known fields:"
                + " apiVersion, id, name, target, workload, load, extras, slo, tags, maxDurationSeconds, baseline");
        assertThat(reason(job("\"load\":{\"concurency\":[1]}"))).isEqualTo("load.concurency is not a field of a"
                + " concurrency load; known fields: type, levels, requestCount, warmupRequestCount,"
                + " requestTimeoutSeconds, idleTimeoutSeconds, sliceDurationSeconds, trials, workers");
        assertThat(reason(job("\"target\":{\"url\":\"h:1\",\"deployment\":{\"mode\":\"disaggregated\",\"tp\":2}}")
                .replace("\"target\":{\"url\":\"host:8000\"},", ""))).isEqualTo("target.deployment.tp is not a field"
                        + " of a disaggregated deployment; known fields: mode, prefillTp, prefillDp, decodeTp, decodeDp");
    }

    @Test
    void aBaselineNamesExactlyOneOtherJob() {
        assertThat(reason(job("\"baseline\":{}"))).isEqualTo("baseline must give exactly one of jobId (that job) and"
                + " name (the latest succeeded job of that name)");
        assertThat(reason(job("\"baseline\":{\"jobId\":\"a\",\"name\":\"b\"}"))).startsWith("baseline must give"
                + " exactly one");
        assertThat(reason(job("\"id\":\"same\",\"baseline\":{\"jobId\":\"same\"}"))).isEqualTo("baseline.jobId ="
                + " \"same\" is this job's own id; a job is compared with another job");
        assertThat(reason(job("\"baseline\":{\"name\":\"bad name\"}"))).isEqualTo("baseline.name = \"bad name\""
                + " must be a job name: letters, digits, '-' and '_'");
        assertThat(reason(job("\"baseline\":{\"latest\":true}"))).startsWith("baseline.latest is not a field of"
                + " baseline; known fields: jobId, name");
    }

    @Test
    void trialsRunOneToTenTimesAndNotInTheRouterBenchmark() {
        assertThat(reason(job("\"load\":{\"levels\":[1],\"trials\":0}"))).isEqualTo("load.trials = 0 must be at"
                + " least 1");
        assertThat(reason(job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"trials\":11}"))).isEqualTo("load.trials"
                + " = 11 must be at most 10 (AIPerf's --num-profile-runs range)");
        assertThat(reason(job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[1],\"trials\":2}")))
                .isEqualTo("load.trials = 2 must be 1 for workload.type \"prefix\" (the router benchmark runs each"
                        + " ratio once)");
    }

    @Test
    void searchLoadsNeedAnSloBoundsOfTheirKindAndATargetFraction() {
        String slo = "\"slo\":{\"ttftMs\":500},";
        assertThat(reason(job("\"load\":{\"type\":\"search\",\"max\":64}"))).isEqualTo("load.type \"search\" needs at"
                + " least one slo threshold (ttftMs, itlMs, requestLatencyMs or minTokensPerSecPerUser): a probe passes"
                + " when enough requests meet them");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\"}"))).isEqualTo("load.max is required for"
                + " load.type \"search\": the highest concurrency to probe");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"min\":2.5,\"max\":100000}")))
                .isEqualTo("load.min = 2.5 must be a whole number of requests in flight, 1 or more; load.max = 100000.0"
                        + " exceeds the maximum concurrency 4096 (perfsweep.limits.max-concurrency)");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"min\":8,\"max\":4}")))
                .isEqualTo("load.max = 4.0 must be at least load.min (8.0)");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"over\":\"rate\",\"min\":0,\"max\":10}")))
                .isEqualTo("load.min = 0.0 must be a number of requests per second above 0");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"over\":\"tokens\",\"max\":10}")))
                .isEqualTo("load.over = \"tokens\" must be concurrency or rate");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"max\":10,\"goodRequestFraction\":99,"
                + "\"precision\":0,\"maxProbes\":0}"))).isEqualTo("load.goodRequestFraction = 99.0 must be above 0"
                        + " and at most 1 (the share of requests that meet every SLO, e.g. 0.99); load.precision = 0.0"
                        + " must be above 0 and below 1 (the bisection ends once (failing - passing) / failing is below"
                        + " it, e.g. 0.05); load.maxProbes = 0 must be 1 to 64 (each probe is a point:"
                        + " perfsweep.limits.max-levels)");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"max\":10,\"levels\":[1]}")))
                .startsWith("load.levels is not a field of a search load; known fields: type, over, min, max,");
        assertThat(reason(job(slo + "\"load\":{\"type\":\"search\",\"max\":4096,\"requestCount\":100000}")))
                .isEqualTo("load sends 1200000 requests in total (all points, warm-up included), more than the"
                        + " maximum 1000000 per job (perfsweep.limits.max-total-requests)");
    }

    @Test
    void workersShareOnlySyntheticConcurrencyAndRatePointsAndTraceReplaysMeasuredOnce() {
        assertThat(reason(job("\"load\":{\"levels\":[10],\"workers\":0}"))).isEqualTo("load.workers = 0 must be at"
                + " least 1");
        assertThat(reason(job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"workers\":65}")))
                .isEqualTo("load.workers = 65 must be at most 64");
        assertThat(reason(job("\"workload\":{\"type\":\"trace\",\"file\":\"t\"},\"load\":{\"levels\":[4],"
                + "\"workers\":2}"))).isEqualTo("load.workers = 2 needs load.type \"replay\" with a trace workload (a"
                        + " trace's rows at a concurrency run on one instance)");
        assertThat(reason(job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[4],\"workers\":2}")))
                .isEqualTo("load.workers = 2 needs workload.type \"synthetic\" or \"trace\" (a point of workload.type"
                        + " \"prefix\" runs on one instance)");
        assertThat(reason(job("\"load\":{\"levels\":[4],\"trials\":2,\"workers\":2}"))).isEqualTo("load.workers = 2"
                + " needs load.trials 1 (trials of a shared point are not supported)");
        assertThat(reason(job("\"load\":{\"levels\":[4],\"sliceDurationSeconds\":1,\"workers\":2}")))
                .isEqualTo("load.workers = 2 needs no load.sliceDurationSeconds (a shared point is not sliced)");
        assertThat(reason(job("\"workload\":{\"type\":\"trace\",\"file\":\"t\"},\"load\":{\"type\":\"replay\","
                + "\"trials\":2,\"workers\":2}"))).isEqualTo("load.workers = 2 needs load.trials 1 (trials of a shared"
                        + " point are not supported)");
    }

    @Test
    void negativeOrZeroTimeouts() {
        assertThat(reason(job("\"load\":{\"requestTimeoutSeconds\":-1,\"idleTimeoutSeconds\":-0.5}")))
                .isEqualTo("load.requestTimeoutSeconds = -1.0 must be a number of seconds above 0;"
                        + " load.idleTimeoutSeconds = -0.5 must be a number of seconds, 0 or more (0 turns the idle"
                        + " timeout off)");
        assertThat(reason(job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"requestTimeoutSeconds\":0}")))
                .isEqualTo("load.requestTimeoutSeconds = 0.0 must be a number of seconds above 0");
        assertThat(reason(job("\"load\":{\"idleTimeoutSeconds\":\"60s\"}")))
                .isEqualTo("load.idleTimeoutSeconds = \"60s\" must be a number");
        assertThat(reason(job("\"load\":{\"requestTimeoutSeconds\":1e9}"))).isEqualTo("load.requestTimeoutSeconds"
                + " = 1.0E9 exceeds the maximum job duration 21600 s (perfsweep.limits.max-job-duration)");
    }

    @Test
    void sliceDurationsTooShortTooLongOrOnTheRouterBenchmark() {
        assertThat(reason(job("\"load\":{\"levels\":[1],\"sliceDurationSeconds\":0}")))
                .isEqualTo("load.sliceDurationSeconds = 0.0 must be a number of seconds, 0.1 or more");
        assertThat(reason(job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"sliceDurationSeconds\":1e9}")))
                .isEqualTo("load.sliceDurationSeconds = 1.0E9 exceeds the maximum job duration 21600 s"
                        + " (perfsweep.limits.max-job-duration)");
        assertThat(reason(job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[4],"
                + "\"sliceDurationSeconds\":1}"))).contains("load.sliceDurationSeconds = 1.0 is not supported for"
                        + " workload.type \"prefix\" (the router benchmark is not sliced)");
    }

    @Test
    void unknownKinds() {
        assertThat(reason(job("\"workload\":{\"type\":\"sharegpt\"},\"load\":{\"type\":\"ramp\"}")))
                .isEqualTo("workload.type = \"sharegpt\" must be synthetic, trace, prefix or plannerProfile;"
                        + " load.type = \"ramp\" must be concurrency, rate, replay or search");
        assertThat(reason(job("\"load\":{\"type\":\"replay\"}")))
                .isEqualTo("load.type = \"replay\" needs workload.type \"trace\", was \"synthetic\"");
    }

    @Test
    void ceilingsNameTheirKey() {
        assertThat(reason(job("\"workload\":{\"isl\":300000,\"osl\":40000}"))).isEqualTo(
                "workload.isl = 300000 exceeds the maximum input sequence length 200000 tokens (perfsweep.limits.max-isl);"
                        + " workload.osl = 40000 exceeds the maximum output sequence length 32768 tokens"
                        + " (perfsweep.limits.max-osl)");
        assertThat(reason(job("\"load\":{\"levels\":[1],\"requestCount\":100001}"))).isEqualTo("load.requestCount ="
                + " 100001 exceeds the maximum request count per point 100000 (perfsweep.limits.max-request-count)");
        assertThat(reason(job("\"maxDurationSeconds\":86400"))).isEqualTo("maxDurationSeconds = 86400 exceeds the"
                + " maximum job duration 21600 s (perfsweep.limits.max-job-duration)");
    }

    @Test
    void theLevelAndTotalCeilings() {
        String levels = IntStream.rangeClosed(1, 65).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(reason(job("\"load\":{\"levels\":[" + levels + "]}"))).isEqualTo(
                "load.levels has 65 entries, more than the maximum 64 (perfsweep.limits.max-levels)");
        assertThat(reason(job("\"load\":{\"levels\":[1,2,3,4,5,6,7,8,9,10,11],\"requestCount\":100000}")))
                .isEqualTo("load sends 1100000 requests in total (all points, warm-up included), more than the"
                        + " maximum 1000000 per job (perfsweep.limits.max-total-requests)");
    }

    @Test
    void theViolationsOfARuleFromElsewhereComeInTheSameAnswerAsTheContractsOwn() {
        var parser = new JobSpecParser(JobLimits.DEFAULTS, List.of((spec, violations) -> {
            if (!violations.hasAnyUnder("load")) {
                violations.addUnlessReported("load.levels", "load.levels: the outside rule says no");
            }
            violations.addUnlessReported("tags", "tags: the outside rule says no");
        }));

        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> parser.parse(job("\"extras\":{\"minTokenz\":true}"))).reason())
                .isEqualTo("extras.minTokenz is not a field of extras; known fields: minTokens, ignoreEos,"
                        + " nvextIgnoreEos; load.levels: the outside rule says no; tags: the outside rule says no");
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> parser.parse(job("\"load\":{\"levels\":[0]}"))).reason())
                .isEqualTo("load.levels[0] = 0 must be at least 1; tags: the outside rule says no");
    }

    @Test
    void aPlannerProfileNeedsAContextLengthItCanProfileAndALoadOfTimeoutsOnly() {
        assertThat(reason(job("\"workload\":{\"type\":\"plannerProfile\"}"))).isEqualTo("workload.maxContextLength is"
                + " required for workload.type \"plannerProfile\": the engine's longest context bounds both ISL sweeps");
        assertThat(reason(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192,"
                + "\"prefillGranularity\":0,\"decodeGranularity\":1,\"decodeOsl\":40000,\"gpusPerEngine\":0,"
                + "\"attentionDp\":0,\"maxKvTokens\":0,\"isl\":100}"))).isEqualTo("workload.isl is not a field of a"
                        + " plannerProfile workload; known fields: type, maxContextLength, prefillGranularity,"
                        + " decodeGranularity, decodeOsl, gpusPerEngine, attentionDp, maxKvTokens, seed;"
                        + " workload.prefillGranularity = 0 must be at least 1; workload.decodeGranularity = 1 must be"
                        + " at least 2; workload.decodeOsl = 40000 exceeds the maximum output sequence length 32768"
                        + " tokens (perfsweep.limits.max-osl); workload.gpusPerEngine = 0 must be at least 1;"
                        + " workload.attentionDp = 0 must be at least 1; workload.maxKvTokens = 0 must be at least 1");
        // whether 620 leaves the profiler a sweep is the profiler's arithmetic: a rule of the job package's
        // (PlannerProfilePlanTest), which the contract's own rules do not check
        assertThat(parser.parse(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":620}"))
                .workload()).isEqualTo(new JobWorkload.PlannerProfile(620, 16, 6, 500, 1, 1, null, 100));
        assertThat(reason(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":300000}")))
                .isEqualTo("workload.maxContextLength = 300000 exceeds the maximum input sequence length 200000"
                        + " tokens (perfsweep.limits.max-isl)");
        assertThat(reason(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192},"
                + "\"load\":{\"type\":\"rate\",\"levels\":[1],\"requestTimeoutSeconds\":0}")))
                .isEqualTo("load.type = \"rate\" must be concurrency for workload.type \"plannerProfile\" (every"
                        + " profiler point is a closed loop); load.levels is not a field of the load of a plannerProfile"
                        + " job (its points are the profiler's; only the timeouts may be set); known fields: type,"
                        + " requestTimeoutSeconds, idleTimeoutSeconds; load.requestTimeoutSeconds = 0.0 must be a"
                        + " number of seconds above 0");
    }

    @Test
    void thePrefixWorkloadRunsOneConcurrencyLevelWithoutWarmUpAndOnlyItSpreadsOverSeveralUrls() {
        assertThat(reason(job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"type\":\"rate\",\"rates\":[2]}")))
                .isEqualTo("load.type = \"rate\" must be concurrency for workload.type \"prefix\" (one level, every"
                        + " ratio runs at it)");
        assertThat(reason(job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[1,2],"
                + "\"warmupRequestCount\":3}"))).isEqualTo("load.levels has 2 levels; workload.type \"prefix\" runs every"
                        + " prefix ratio at one concurrency level; load.warmupRequestCount = 3 must be 0 for workload.type"
                        + " \"prefix\" (the router benchmark has no warm-up)");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                + "\"additionalUrls\":[\"other:8000\"]}}")).isEqualTo("target.additionalUrls is only for"
                        + " workload.type \"prefix\", which spreads its requests over several router URLs");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                + "\"additionalUrls\":[\"ftp://other\"]},\"workload\":{\"type\":\"prefix\"}}"))
                .isEqualTo("target.additionalUrls[0] = \"ftp://other\" must use http or https, not ftp");
        assertThat(reason("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                + "\"metricsUrls\":[\"htp:/bad\"],\"serverMetrics\":\"yes\"}}"))
                .contains("target.metricsUrls[0] = \"htp:/bad\" has neither http(s):// nor a port")
                .contains("target.serverMetrics");
        // 5 ratios of the script's 200 requests: 1000 in total
        var tight = new JobLimits(64, 64, 100000, 999, 200000, 32768, Duration.ofHours(1));
        assertThat(catchThrowableOfType(InvalidJobException.class,
                () -> new JobSpecParser(tight).parse(job("\"workload\":{\"type\":\"prefix\"}"))).reason())
                .startsWith("load sends 1000 requests in total");
    }

    @Test
    void ceilingsComeFromTheGivenLimits() {
        var tight = new JobLimits(8, 2, 50, 100, 1000, 100, Duration.ofMinutes(10));
        var reason = catchThrowableOfType(InvalidJobException.class,
                () -> new JobSpecParser(tight).parse(job("\"load\":{\"levels\":[16]}"))).reason();

        assertThat(reason).isEqualTo("workload.isl = 2000 exceeds the maximum input sequence length 1000 tokens"
                + " (perfsweep.limits.max-isl); workload.osl = 256 exceeds the maximum output sequence length 100 tokens"
                + " (perfsweep.limits.max-osl); load.levels[0] = 16 exceeds the maximum concurrency 8"
                + " (perfsweep.limits.max-concurrency)");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        var error = catchThrowableOfType(InvalidJobException.class, () -> parser.parse("""
                {"apiVersion":"perfsweep/v1","name":"plots","concurency":5,
                 "target":{"url":"ftp://h","endpoint":"grpc","headers":{"Authorization":"Bearer x"}},
                 "load":{"levels":[0,5000]},"slo":{"ttftMs":-1},"tags":{"bad-key":"v"}}"""));

        assertThat(error.violations()).containsExactly(
                "concurency is not a field of a job; known fields: apiVersion, id, name, target, workload, load,"
                        + " extras, slo, tags, maxDurationSeconds, baseline",
                "target.endpoint = \"grpc\" must be chat or completions",
                "target.headers.Authorization must be a secret reference such as {\"secretRef\": \"vllm-api-key\"},"
                        + " not a literal value: job specs are stored and published, so they never carry secrets",
                "name = \"plots\" is reserved for plot output; choose another name",
                "target.url = \"ftp://h\" must use http or https, not ftp",
                "load.levels[0] = 0 must be at least 1",
                "load.levels[1] = 5000 exceeds the maximum concurrency 4096 (perfsweep.limits.max-concurrency)",
                "slo.ttftMs = -1.0 must not be negative",
                "tags.bad-key is not a Prometheus label name: use 1 to 63 characters of [a-zA-Z0-9_], not starting"
                        + " with a digit or __");
        assertThat(error.reason()).isEqualTo(String.join("; ", error.violations()));
    }

    @Test
    void aLongListOfViolationsIsCutInTheReason() {
        String levels = IntStream.rangeClosed(1, 60).mapToObj(i -> "-" + i).collect(Collectors.joining(","));
        var error = catchThrowableOfType(InvalidJobException.class,
                () -> parser.parse(job("\"load\":{\"levels\":[" + levels + "]}")));

        assertThat(error.violations()).hasSize(60);
        assertThat(error.reason()).endsWith("load.levels[49] = -50 must be at least 1; and 10 more");
    }

    private static String url(String url) {
        return "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"" + url + "\"}}";
    }
}
