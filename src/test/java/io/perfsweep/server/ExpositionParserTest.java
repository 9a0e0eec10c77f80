package io.perfsweep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    /** What vLLM V1 serves on {@code /metrics} (prometheus_client, text format 0.0.4), trimmed. */
    static final String VLLM = """
            # HELP python_gc_objects_collected_total Objects collected during gc
            # TYPE python_gc_objects_collected_total counter
            python_gc_objects_collected_total{generation="0"} 1234.0
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="Qwen/Qwen3-0.6B"} 8.0
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="Qwen/Qwen3-0.6B"} 2.0
            # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{engine="0",model_name="Qwen/Qwen3-0.6B"} 0.25
            # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
            # TYPE vllm:prefix_cache_queries_total counter
            vllm:prefix_cache_queries_total{engine="0",model_name="Qwen/Qwen3-0.6B"} 5000.0
            # HELP vllm:prefix_cache_queries_created Prefix cache queries, in terms of number of queried tokens.
            # TYPE vllm:prefix_cache_queries_created gauge
            vllm:prefix_cache_queries_created{engine="0",model_name="Qwen/Qwen3-0.6B"} 1.7e+09
            # HELP vllm:generation_tokens_total Number of generation tokens processed.
            # TYPE vllm:generation_tokens_total counter
            vllm:generation_tokens_total{engine="0",model_name="Qwen/Qwen3-0.6B"} 120000.0
            # HELP vllm:request_success_total Count of successfully processed requests.
            # TYPE vllm:request_success_total counter
            vllm:request_success_total{engine="0",finished_reason="stop",model_name="Qwen/Qwen3-0.6B"} 90.0
            vllm:request_success_total{engine="0",finished_reason="length",model_name="Qwen/Qwen3-0.6B"} 10.0
            # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
            # TYPE vllm:time_to_first_token_seconds histogram
            vllm:time_to_first_token_seconds_sum{engine="0",model_name="Qwen/Qwen3-0.6B"} 7.5
            vllm:time_to_first_token_seconds_bucket{engine="0",le="0.04",model_name="Qwen/Qwen3-0.6B"} 10.0
            vllm:time_to_first_token_seconds_bucket{engine="0",le="0.08",model_name="Qwen/Qwen3-0.6B"} 60.0
            vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="Qwen/Qwen3-0.6B"} 90.0
            vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="Qwen/Qwen3-0.6B"} 100.0
            vllm:time_to_first_token_seconds_count{engine="0",model_name="Qwen/Qwen3-0.6B"} 100.0
            # HELP vllm:time_to_first_token_seconds_created Histogram of time to first token in seconds.
            # TYPE vllm:time_to_first_token_seconds_created gauge
            vllm:time_to_first_token_seconds_created{engine="0",model_name="Qwen/Qwen3-0.6B"} 1.7e+09
            # HELP vllm:cache_config_info Information of the LLMEngine CacheConfig
            # TYPE vllm:cache_config_info gauge
            vllm:cache_config_info{block_size="16",cache_dtype="auto",enable_prefix_caching="True",\
            engine="0",gpu_memory_utilization="0.9",num_gpu_blocks="71671"} 1.0
            """;

    @Test
    void readsAVllmExpositionAsAiperfKeysIt() {
        ParsedMetrics parsed = ExpositionParser.parse(VLLM);

        assertThat(parsed.families().keySet()).containsExactly("python_gc_objects_collected",
                "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
                "vllm:prefix_cache_queries", "vllm:generation_tokens", "vllm:request_success",
                "vllm:time_to_first_token_seconds", "vllm:cache_config_info");
        MetricFamily running = parsed.family("vllm:num_requests_running").orElseThrow();
        assertThat(running.type()).isEqualTo(MetricType.GAUGE);
        assertThat(running.help()).isEqualTo("Number of requests in model execution batches.");
        assertThat(running.samples()).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsExactly(entry("engine", "0"), entry("model_name", "Qwen/Qwen3-0.6B"));
            assertThat(s.value()).isEqualTo(8.0);
        });
        MetricFamily tokens = parsed.family("vllm:generation_tokens").orElseThrow();
        assertThat(tokens.type()).isEqualTo(MetricType.COUNTER);
        assertThat(tokens.samples()).extracting(Sample::value).containsExactly(120000.0);
        assertThat(parsed.family("vllm:request_success").orElseThrow().samples()).hasSize(2);
    }

    @Test
    void groupsHistogramLinesPerLabelSetWithoutLe() {
        MetricFamily ttft = ExpositionParser.parse(VLLM).family("vllm:time_to_first_token_seconds").orElseThrow();

        assertThat(ttft.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(ttft.samples()).isEmpty();
        assertThat(ttft.histograms()).singleElement().satisfies(h -> {
            assertThat(h.labels()).containsOnlyKeys("engine", "model_name");
            assertThat(h.buckets()).containsExactly(entry(0.04, 10.0), entry(0.08, 60.0), entry(0.1, 90.0),
                    entry(Double.POSITIVE_INFINITY, 100.0));
            assertThat(h.sum()).isEqualTo(7.5);
            assertThat(h.count()).isEqualTo(100.0);
        });
    }

    @Test
    void histogramCountFallsBackToTheInfBucket() {
        String text = """
                # TYPE h histogram
                h_bucket{le="1"} 3
                h_bucket{le="+Inf"} 5
                h_bucket{a="x",le="1"} 1
                h_bucket{a="x",le="+Inf"} 2
                h_sum{a="x"} 0.5
                h_count{a="x"} 2
                """;
        MetricFamily h = ExpositionParser.parse(text).family("h").orElseThrow();

        assertThat(h.histograms()).hasSize(2);
        assertThat(h.histograms().get(0).count()).isEqualTo(5.0);
        assertThat(h.histograms().get(0).sum()).isNaN();
        assertThat(h.histograms().get(1).labels()).containsExactly(entry("a", "x"));
        assertThat(h.histograms().get(1).sum()).isEqualTo(0.5);
    }

    @Test
    void dropsCreatedSeriesInBothFormats() {
        ParsedMetrics text = ExpositionParser.parse(VLLM);
        ParsedMetrics open = ExpositionParser.parse("""
                # TYPE c counter
                c_total 3
                c_created 1700000000.5
                # EOF
                """);

        assertThat(text.families()).doesNotContainKeys("vllm:prefix_cache_queries_created",
                "vllm:time_to_first_token_seconds_created");
        assertThat(open.families()).containsOnlyKeys("c");
        assertThat(open.family("c").orElseThrow().samples()).extracting(Sample::value).containsExactly(3.0);
    }

    @Test
    void keepsAnUnrelatedCreatedGauge() {
        assertThat(ExpositionParser.parse("job_created 5\n").family("job_created")).isPresent();
    }

    @Test
    void infoFamiliesCarryTheirPayloadInLabels() {
        MetricFamily text = ExpositionParser.parse(VLLM).family("vllm:cache_config_info").orElseThrow();
        MetricFamily open = ExpositionParser.parse("""
                # TYPE build info
                build_info{version="1.2"} 1
                # EOF
                """).family("build_info").orElseThrow();

        assertThat(text.type()).isEqualTo(MetricType.INFO);
        assertThat(text.samples()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(1.0);
            assertThat(s.labels()).containsEntry("num_gpu_blocks", "71671").containsEntry("block_size", "16");
        });
        assertThat(open.type()).isEqualTo(MetricType.INFO);
        assertThat(open.samples().get(0).labels()).containsExactly(entry("version", "1.2"));
    }

    @Test
    void skipsSummariesAndTreatsUntypedAsGauges() {
        ParsedMetrics parsed = ExpositionParser.parse("""
                # TYPE rpc summary
                rpc{quantile="0.5"} 0.1
                rpc_sum 3
                rpc_count 7
                # TYPE u untyped
                u 4
                loose_total 9
                """);

        assertThat(parsed.families()).containsOnlyKeys("u", "loose_total");
        assertThat(parsed.family("u").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        assertThat(parsed.family("loose_total").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
    }

    @Test
    void unescapesLabelValues() {
        Sample sample = ExpositionParser.parse("m{path=\"C:\\\\dir\",q=\"say \\\"hi\\\"\",nl=\"a\\nb\",} 1\n")
                .family("m").orElseThrow().samples().get(0);

        assertThat(sample.labels()).containsExactly(entry("nl", "a\nb"), entry("path", "C:\\dir"),
                entry("q", "say \"hi\""));
    }

    @Test
    void labelValuesMayHoldBracesCommasAndHashes() {
        Sample sample = ExpositionParser.parse("m{a=\"x} 2, # {y\"} 1\n# EOF\n").family("m").orElseThrow()
                .samples().get(0);

        assertThat(sample.labels()).containsExactly(entry("a", "x} 2, # {y"));
        assertThat(sample.value()).isEqualTo(1.0);
    }

    @Test
    void unescapesHelp() {
        MetricFamily m = ExpositionParser.parse("# HELP m A \\\\ backslash\\nand a line\n# TYPE m gauge\nm 1\n")
                .family("m").orElseThrow();

        assertThat(m.help()).isEqualTo("A \\ backslash\nand a line");
    }

    @Test
    void readsSpecialValues() {
        ParsedMetrics parsed = ExpositionParser.parse("a NaN\nb +Inf\nc -Inf\nd 1.5e-3\ne -0\n");

        assertThat(parsed.family("a").orElseThrow().samples().get(0).value()).isNaN();
        assertThat(parsed.family("b").orElseThrow().samples().get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parsed.family("c").orElseThrow().samples().get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parsed.family("d").orElseThrow().samples().get(0).value()).isEqualTo(0.0015);
        assertThat(parsed.family("e").orElseThrow().samples().get(0).value()).isEqualTo(-0.0);
    }

    @Test
    void readsTimestampsInEachFormatsUnit() {
        Sample text = ExpositionParser.parse("m 1 1700000000123\n").family("m").orElseThrow().samples().get(0);
        Sample open = ExpositionParser.parse("m 1 1700000000.123\n# EOF\n").family("m").orElseThrow().samples()
                .get(0);

        assertThat(text.timestampMillis()).isEqualTo(OptionalLong.of(1700000000123L));
        assertThat(open.timestampMillis()).isEqualTo(OptionalLong.of(1700000000123L));
        assertThatThrownBy(() -> ExpositionParser.parse("m 1 1700000000.123\n"))
                .isInstanceOf(ExpositionFormatException.class).hasMessageContaining("integer milliseconds");
    }

    @Test
    void readsOpenMetricsWithUnitsAndIgnoresExemplars() {
        String text = """
                # HELP rt Request time with "quotes" \\"escaped\\".
                # TYPE rt histogram
                # UNIT rt seconds
                rt_bucket{le="0.5"} 4 # {trace_id="abc"} 0.3 1700000000.0
                rt_bucket{le="+Inf"} 6 # {trace_id="def"} 9.0
                rt_sum 10.5
                rt_count 6
                rt_created 1700000000.0
                # TYPE tokens counter
                tokens_total 42 # {trace_id="x"} 1
                # EOF
                """;
        ParsedMetrics parsed = ExpositionParser.parse(text);

        MetricFamily rt = parsed.family("rt").orElseThrow();
        assertThat(rt.unit()).isEqualTo("seconds");
        assertThat(rt.help()).isEqualTo("Request time with \"quotes\" \"escaped\".");
        assertThat(rt.histograms().get(0).buckets()).containsExactly(entry(0.5, 4.0),
                entry(Double.POSITIVE_INFINITY, 6.0));
        assertThat(parsed.family("tokens").orElseThrow().samples().get(0).value()).isEqualTo(42.0);
    }

    @Test
    void detectsTheFormat() {
        assertThat(ExpositionParser.Format.detect("m 1\n# EOF\n")).isEqualTo(ExpositionParser.Format.OPENMETRICS);
        assertThat(ExpositionParser.Format.detect("m 1\n")).isEqualTo(ExpositionParser.Format.PROMETHEUS_TEXT);
        assertThat(ExpositionParser.Format.of("application/openmetrics-text; version=1.0.0", "m 1"))
                .isEqualTo(ExpositionParser.Format.OPENMETRICS);
    }

    @Test
    void ignoresUnknownCommentsAndBlankLines() {
        ParsedMetrics parsed = ExpositionParser.parse("# a free comment\n#HELPLESS\n\n   \nm 1\r\n");

        assertThat(parsed.families()).containsOnlyKeys("m");
    }

    @Test
    void namesTheLineOfMalformedInput() {
        Map<String, String> cases = new TreeMap<>(Map.of(
                "ok 1\nbad{a=\"x\" 1\n", "line 2: expected ',' or '}'",
                "ok 1\nok2 1\nm{a=\"x\\q\"} 1\n", "line 3: invalid escape sequence",
                "m abc\n", "line 1: invalid value 'abc'",
                "m 1d\n", "line 1: invalid value '1d'",
                "m\n", "line 1: no value",
                "m{a=\"1\",a=\"2\"} 1\n", "line 1: duplicate label 'a'",
                "m 1\nm 2\n", "line 2: duplicate series",
                "# TYPE h histogram\nh_bucket 1\n", "line 2: histogram bucket without an 'le' label",
                "# TYPE m fancy\n", "line 1: unknown metric type 'fancy'",
                "m 1 2 3\n", "line 1: unexpected text after the timestamp"));
        cases.forEach((input, message) -> assertThatThrownBy(() -> ExpositionParser.parse(input))
                .isInstanceOf(ExpositionFormatException.class).hasMessageContaining(message));
    }

    @Test
    void rejectsOpenMetricsContentAfterEofAndBadExemplars() {
        assertThatThrownBy(() -> ExpositionParser.parse("m 1\n# EOF\nn 2\n", ExpositionParser.Format.OPENMETRICS))
                .isInstanceOf(ExpositionFormatException.class).hasMessageContaining("line 3: content after '# EOF'")
                .satisfies(e -> assertThat(((ExpositionFormatException) e).line()).isEqualTo("n 2"));
        assertThatThrownBy(() -> ExpositionParser.parse("m 1 # junk\n# EOF\n"))
                .hasMessageContaining("line 1: malformed exemplar");
        assertThatThrownBy(() -> ExpositionParser.parse("m 1\n", ExpositionParser.Format.OPENMETRICS))
                .hasMessageContaining("missing '# EOF'");
    }

    @Test
    void identicalContentParsesEqual() {
        assertThat(ExpositionParser.parse(VLLM)).isEqualTo(ExpositionParser.parse(VLLM));
        assertThat(ExpositionParser.parse(VLLM)).isNotEqualTo(ExpositionParser.parse(VLLM.replace("8.0", "7.0")));
    }
}
