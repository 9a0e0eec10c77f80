package io.perfsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The drift guard: every example job of the repository and every rejection case goes through both the parser and the
 * published schema, and they must agree both ways. Rules the schema cannot hold are listed in {@link #PARSER_ONLY},
 * each with why, and must stay accepted by the schema (a rule the schema learns moves to {@link #REJECTED}).
 */
class JobSpecSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema(JobSpecSchema.text());
    private final JobSpecParser parser = new JobSpecParser(JobLimits.DEFAULTS);

    /** A valid job with {@code fields} appended to its top-level object, as in {@code JobSpecRejectionTest}. */
    private static String job(String fields) {
        return "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\"}"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String url(String url) {
        return "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"" + url + "\"}}";
    }

    /** Valid jobs of the tests beside the documented ones. */
    private static final List<String> VALID = List.of(JobSpecParserTest.DESIGN_EXAMPLE, JobSpecParserTest.MINIMAL,
            JobSpecParserTest.EVERY_FIELD,
            """
                    {"apiVersion":"perfsweep/v1","name":"replay","target":{"url":"host:8000"},
                     "workload":{"type":"trace","file":"/traces/mooncake.jsonl"},"load":{"type":"replay","speedup":2}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"shared-replay","target":{"url":"host:8000"},
                     "workload":{"type":"trace","file":"mooncake.jsonl"},"load":{"type":"replay","workers":2}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"rate","target":{"url":"host:8000"},
                     "load":{"type":"rate","rates":[1.5,4],"arrival":"constant","maxConcurrency":64}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"trials","target":{"url":"host:8000"},
                     "load":{"levels":[1,4],"requestCount":100,"trials":3}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"candidate","target":{"url":"host:8000"},
                     "baseline":{"jobId":"nightly-2026-12-06"}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"candidate","target":{"url":"host:8000"},
                     "baseline":{"name":"qwen3-main"}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"limit","target":{"url":"host:8000"},
                     "load":{"type":"search","min":1,"max":256,"goodRequestFraction":0.99,"requestCount":300},
                     "slo":{"ttftMs":500,"itlMs":50}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"rate-limit","target":{"url":"host:8000"},
                     "load":{"type":"search","over":"rate","min":0.5,"max":40,"arrival":"constant","trials":2},
                     "slo":{"requestLatencyMs":2000}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"rate-trials","target":{"url":"host:8000"},
                     "load":{"type":"rate","rates":[2],"trials":10}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"timed","target":{"url":"host:8000"},
                     "load":{"levels":[1],"requestTimeoutSeconds":30,"idleTimeoutSeconds":0}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"sliced","target":{"url":"host:8000"},
                     "load":{"type":"rate","rates":[2],"sliceDurationSeconds":2.5}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"router","target":{"url":"http://a:8000",
                     "additionalUrls":["http://b:8000"]},"workload":{"type":"prefix","prefixRatios":[0.5]}}""",
            """
                    {"apiVersion":"perfsweep/v1","id":null,"name":"x","target":{"url":"host:8000","model":null},
                     "workload":{"isl":4e3},"load":{"levels":[1.0,2]}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"host:8000"},
                     "workload":{"type":"trace","url":"https://traces.example/m.jsonl","seed":3},
                     "load":{"type":"rate","rates":[2],"arrival":"poisson","requestCount":20}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"t","target":{"url":"host:8000"},
                     "workload":{"type":"trace","traceId":"trace-1","blockSize":16},"load":{"levels":[4]}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"profile","target":{"url":"http://vllm:8000"},
                     "workload":{"type":"plannerProfile","maxContextLength":8192}}""",
            """
                    {"apiVersion":"perfsweep/v1","name":"profile","target":{"url":"http://vllm:8000"},
                     "workload":{"type":"plannerProfile","maxContextLength":4096,"prefillGranularity":8,
                                 "decodeGranularity":4,"decodeOsl":200,"gpusPerEngine":2,"attentionDp":2,
                                 "maxKvTokens":100000,"seed":7},
                     "load":{"type":"concurrency","requestTimeoutSeconds":900,"idleTimeoutSeconds":0}}""",
            url("h:65535/v1"), url("http://h"), url("https://h:443/proxy"), url("[::1]:8000"));

    /** Rejected by the parser and by the schema. */
    private static final List<String> REJECTED = List.of(
            "[1,2]", "\"a job\"",
            job("\"load\":{\"levels\":\"ten\"}"),
            job("\"load\":{\"levels\":[10000000000,2.5,\"x\"]}"),
            job("\"extras\":{\"minTokens\":\"yes\"},\"workload\":[]"),
            "{\"apiVersion\":\"perfsweep/v2\",\"name\":\"plots\",\"levels\":1}",
            "{\"name\":\"x\",\"target\":{\"url\":\"h:1\"}}",
            "{\"apiVersion\":2,\"name\":\"x\",\"target\":{\"url\":\"h:1\"}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"bad name!\",\"target\":{\"url\":\"h:1\"}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"plots\",\"target\":{\"url\":\"h:1\"}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"target\":{\"url\":\"h:1\"}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":null,\"target\":{\"url\":\"h:1\"}}",
            job("\"id\":\"a b\""),
            job("\"id\":\"" + "i".repeat(129) + "\""),
            job("\"load\":{\"levels\":[0]}"),
            job("\"load\":{\"levels\":[]}"),
            job("\"load\":{\"levels\":[2,2]}"),
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\"}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{}}",
            url(" "),
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\","
                    + "\"headers\":{\"Authorization\":\"Bearer sk-123\"}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\","
                    + "\"headers\":{\"Authorization\":{}}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\","
                    + "\"headers\":{\"Bad Header\":{\"secretRef\":\"k\"}}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\","
                    + "\"headers\":{\"X\":{\"secretRef\":\"a/b\"}}}}",
            job("\"concurency\":[1,2]"),
            job("\"load\":{\"concurency\":[1]}"),
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"deployment\":"
                    + "{\"mode\":\"disaggregated\",\"tp\":2}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"deployment\":"
                    + "{\"mode\":\"aggregated\",\"decodeTp\":2}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"deployment\":"
                    + "{\"mode\":\"pipelined\"}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"deployment\":{\"tp\":0}}}",
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"model\":\" \"}}",
            job("\"load\":{\"requestTimeoutSeconds\":-1,\"idleTimeoutSeconds\":-0.5}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"requestTimeoutSeconds\":0}"),
            job("\"load\":{\"idleTimeoutSeconds\":\"60s\"}"),
            job("\"load\":{\"levels\":[1],\"sliceDurationSeconds\":0}"),
            job("\"load\":{\"type\":\"replay\",\"sliceDurationSeconds\":\"2s\"},"
                    + "\"workload\":{\"type\":\"trace\",\"file\":\"t\"}"),
            job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[4],\"sliceDurationSeconds\":1}"),
            job("\"workload\":{\"type\":\"sharegpt\"},\"load\":{\"type\":\"ramp\"}"),
            job("\"load\":{\"type\":\"replay\"}"),
            job("\"load\":{\"type\":\"replay\",\"speedup\":0},\"workload\":{\"type\":\"trace\",\"file\":\"t\"}"),
            job("\"load\":{\"type\":\"rate\"}"),
            job("\"load\":{\"type\":\"search\",\"max\":64}"),
            job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\"}"),
            job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\",\"min\":0,\"max\":8}"),
            job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\",\"max\":8,\"goodRequestFraction\":99}"),
            job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\",\"max\":8,\"levels\":[1]}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[0]}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"arrival\":\"bursty\"}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"levels\":[1]}"),
            job("\"load\":{\"levels\":[1],\"requestCount\":0,\"warmupRequestCount\":-1}"),
            job("\"baseline\":{}"),
            job("\"baseline\":{\"jobId\":\"a\",\"name\":\"b\"}"),
            job("\"baseline\":{\"jobId\":\"a b\"}"),
            job("\"baseline\":{\"name\":\"x\",\"latest\":true}"),
            job("\"baseline\":\"nightly\""),
            job("\"load\":{\"levels\":[1],\"trials\":0}"),
            job("\"load\":{\"levels\":[1],\"workers\":0}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"workers\":65}"),
            job("\"load\":{\"type\":\"replay\",\"workers\":65},\"workload\":{\"type\":\"trace\",\"file\":\"t\"}"),
            job("\"load\":{\"levels\":[1],\"trials\":11}"),
            job("\"load\":{\"type\":\"rate\",\"rates\":[1],\"trials\":2.5}"),
            job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[1],\"trials\":2}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192},\"load\":{\"trials\":2}"),
            job("\"workload\":{\"type\":\"trace\"}"),
            job("\"workload\":{\"type\":\"trace\",\"file\":\"a\",\"traceId\":\"b\"}"),
            job("\"workload\":{\"type\":\"trace\",\"file\":\" \"}"),
            job("\"workload\":{\"type\":\"trace\",\"file\":\"a\",\"blockSize\":0}"),
            job("\"workload\":{\"type\":\"trace\",\"file\":\"a\",\"isl\":10}"),
            job("\"workload\":{\"isl\":0,\"islStd\":-1,\"oslStd\":-1}"),
            job("\"workload\":{\"type\":\"prefix\",\"prefixRatios\":[1.5]}"),
            job("\"workload\":{\"type\":\"prefix\",\"prefixRatios\":[]}"),
            job("\"workload\":{\"type\":\"prefix\",\"prefixPromptCount\":0}"),
            job("\"workload\":{\"type\":\"prefix\",\"islStd\":1}"),
            job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"type\":\"rate\",\"rates\":[2]}"),
            job("\"workload\":{\"type\":\"plannerProfile\"}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192,\"decodeGranularity\":1}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192,\"maxKvTokens\":0}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192,\"isl\":100}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192},\"load\":{\"levels\":[1]}"),
            job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":8192},"
                    + "\"load\":{\"type\":\"rate\",\"rates\":[1]}"),
            job("\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[1,2],\"warmupRequestCount\":3}"),
            "{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                    + "\"additionalUrls\":[\"other:8000\"]}}",
            job("\"slo\":{\"ttftMs\":-1}"),
            job("\"slo\":{\"p99\":1}"),
            job("\"extras\":{\"maxTokens\":1}"),
            job("\"tags\":{\"bad-key\":\"v\"}"),
            job("\"tags\":{\"__reserved\":\"v\"}"),
            job("\"tags\":{\"k\":\"" + "v".repeat(64) + "\"}"),
            job("\"tags\":{\"k\":1}"),
            job("\"tags\":{" + IntStream.range(0, 33).mapToObj(i -> "\"k" + i + "\":\"v\"")
                    .collect(Collectors.joining(",")) + "}"),
            job("\"maxDurationSeconds\":0"),
            job("\"maxDurationSeconds\":1.5"),
            """
                    {"apiVersion":"perfsweep/v1","name":"plots","concurency":5,
                     "target":{"url":"ftp://h","endpoint":"grpc","headers":{"Authorization":"Bearer x"}},
                     "load":{"levels":[0,5000]},"slo":{"ttftMs":-1},"tags":{"bad-key":"v"}}""");

    /**
     * Rejected by the parser only, accepted by the schema, each with why the schema cannot say it: the ceilings are
     * the service's configuration ({@code perfsweep.limits.*}), which a published schema cannot know; the URL rule
     * parses the URL ({@code java.net.URI}: scheme, credentials, port range, query), beyond a regular expression
     * worth publishing; the rest compare values across fields or count what a schema does not count.
     */
    private static final Map<String, String> PARSER_ONLY = parserOnly();

    private static Map<String, String> parserOnly() {
        Map<String, String> cases = new LinkedHashMap<>();
        String ceiling = "a ceiling of perfsweep.limits.*, configured per service";
        String urlRule = "the URL syntax rule of TargetUrls (java.net.URI)";
        cases.put(job("\"load\":{\"levels\":[1,2,5,1000000000]}"), ceiling);
        cases.put(job("\"workload\":{\"isl\":300000,\"osl\":40000}"), ceiling);
        cases.put(job("\"load\":{\"levels\":[1],\"requestCount\":100001}"), ceiling);
        cases.put(job("\"maxDurationSeconds\":86400"), ceiling);
        cases.put(job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\",\"min\":8,\"max\":4}"),
                "a search's max below its min: compares two fields' values");
        cases.put(job("\"slo\":{\"ttftMs\":500},\"load\":{\"type\":\"search\",\"min\":1.5,\"max\":4}"),
                "whole-number bounds only over concurrency: depends on another field (over), and rates are fractions");
        cases.put(job("\"id\":\"same\",\"baseline\":{\"jobId\":\"same\"}"),
                "a baseline that is the job itself: compares two fields' values");
        cases.put(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":300000}"), ceiling);
        cases.put(job("\"load\":{\"requestTimeoutSeconds\":1e9}"), ceiling + " (max-job-duration)");
        String sharedPoint = "workers above 1 with a trace at a concurrency, trials or slices: compares two fields'"
                + " values";
        cases.put(job("\"workload\":{\"type\":\"trace\",\"file\":\"t\"},\"load\":{\"levels\":[4],\"workers\":2}"),
                sharedPoint);
        cases.put(job("\"load\":{\"levels\":[4],\"trials\":2,\"workers\":2}"), sharedPoint);
        cases.put(job("\"load\":{\"levels\":[4],\"sliceDurationSeconds\":1,\"workers\":2}"), sharedPoint);
        cases.put(job("\"load\":{\"levels\":["
                + IntStream.rangeClosed(1, 65).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}"),
                ceiling + " (max-levels)");
        cases.put(job("\"load\":{\"levels\":[1,2,3,4,5,6,7,8,9,10,11],\"requestCount\":100000}"),
                ceiling + " (max-total-requests: a sum over the levels)");
        for (String bad : new String[] { "http://exa mple:80", "ftp://h:80", "h:99999", "http://h:80/?q=1", "htp:/bad",
                "vllm-frontend", "htp://h:80", "http://h:0", "h:0", "http://h:65536", "http:///v1",
                "http://user:s3cret@h:80" }) {
            cases.put(url(bad), urlRule);
        }
        cases.put("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"host:8000\","
                + "\"additionalUrls\":[\"ftp://other\"]},\"workload\":{\"type\":\"prefix\"}}", urlRule);
        cases.put(job("\"workload\":{\"type\":\"trace\",\"url\":\"ftp://traces/m.jsonl\"}"), urlRule);
        cases.put("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"h:1\",\"headers\":"
                + "{\"X-Key\":{\"secretRef\":\"a\"},\"x-key\":{\"secretRef\":\"b\"}}}}",
                "header names repeated up to case: JSON Schema compares property names exactly");
        cases.put("{\"apiVersion\":\"perfsweep/v1\",\"name\":\"x\",\"target\":{\"url\":\"a:1\",\"additionalUrls\":"
                + "[\"b:1\",\"c:1\"]},\"workload\":{\"type\":\"prefix\"},\"load\":{\"levels\":[1],\"requestCount\":2}}",
                "requestCount at least the number of URLs: compares a number with an array's length");
        return cases;
    }

    @Test
    void everyDocumentedExampleAndEveryValidTestJobPassesBoth() throws IOException {
        List<String> examples = new ArrayList<>(documentedJobs());
        assertThat(examples).as("the examples of README.md and docs/").hasSizeGreaterThanOrEqualTo(4)
                .contains(JobSpecParserTest.DESIGN_EXAMPLE.strip());
        examples.addAll(VALID);
        for (String example : examples) {
            JobSpec spec = parser.parse(example);
            assertThat(errors(example)).as(example).isEmpty();
            // the canonical form the service stores and publishes (defaults written, absent values as null)
            String written = JobSpecJson.toJson(spec);
            assertThat(errors(written)).as(written).isEmpty();
        }
    }

    @Test
    void everyRejectionCaseIsRejectedByBoth() {
        for (String rejected : REJECTED) {
            assertThat(parserRejects(rejected)).as("the parser rejects %s", rejected).isTrue();
            assertThat(errors(rejected)).as("the schema rejects %s", rejected).isNotEmpty();
        }
    }

    @Test
    void theRulesOnlyTheParserChecksAreListedWithWhyAndTheSchemaStillAcceptsThem() {
        PARSER_ONLY.forEach((json, why) -> {
            assertThat(parserRejects(json)).as("the parser rejects %s (%s)", json, why).isTrue();
            assertThat(errors(json)).as("the schema accepts %s (%s); if it now rejects it, move it to REJECTED", json,
                    why).isEmpty();
        });
        // a context too short for the profiler's sweeps is Python range arithmetic over three fields, which neither
        // the schema nor the contract's parser states: the job package's rule rejects it (PlannerProfilePlanTest)
        assertThat(errors(job("\"workload\":{\"type\":\"plannerProfile\",\"maxContextLength\":620}"))).isEmpty();
    }

    @Test
    void aMisspeltFieldInAnyObjectOfAnyExampleIsRejectedByBoth() throws IOException {
        List<String> examples = new ArrayList<>(documentedJobs());
        examples.addAll(VALID);
        int checked = 0;
        for (String example : examples) {
            JsonNode root = JSON.readTree(example);
            for (ObjectNode object : objects(root, null)) {
                object.put("concurrencys", 1);
                String text = root.toString();
                assertThat(parserRejects(text)).as("the parser rejects %s", text).isTrue();
                assertThat(errors(text)).as("the schema rejects %s", text).isNotEmpty();
                object.remove("concurrencys");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    /** Every object of a job in which a field name is a spec field (not a tag or header name), at any depth. */
    private static List<ObjectNode> objects(JsonNode node, String key) {
        List<ObjectNode> found = new ArrayList<>();
        if (node instanceof ObjectNode object && !"tags".equals(key) && !"headers".equals(key)) {
            found.add(object);
        }
        if (node.isObject() || node.isArray()) {
            node.properties().forEach(e -> found.addAll(objects(e.getValue(), e.getKey())));
        }
        return found;
    }

    /** The jobs in README.md and docs/*.md: each fenced JSON block that is a {@code perfsweep/v1} job. */
    static List<String> documentedJobs() throws IOException {
        Pattern block = Pattern.compile("```json\\n(\\{\"apiVersion\".*?)```", Pattern.DOTALL);
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> jobs = new ArrayList<>();
        for (Path file : files) {
            Matcher m = block.matcher(Files.readString(file));
            while (m.find()) {
                jobs.add(m.group(1).strip());
            }
        }
        return jobs;
    }

    private boolean parserRejects(String json) {
        return catchThrowableOfType(InvalidJobException.class, () -> parser.parse(json)) != null;
    }

    private static List<Error> errors(String json) {
        try {
            return SCHEMA.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    static Schema schema(String text) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
    }
}
