package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;

class AiperfExportTest {

    private static final long MS = 1_000_000;
    private static final long WALL = 1_760_000_000_000_000_000L;

    // TTFT 10 ms, latency 30 ms, OSL 3 → ITL 10 ms
    private final RequestRecord first = valid(new long[] { 10 * MS, 30 * MS }, 3);
    // TTFT 20 ms, latency 60 ms, OSL 5 → ITL 10 ms
    private final RequestRecord second = valid(new long[] { 20 * MS, 60 * MS }, 5);
    private final RequestRecord timeout = new RequestRecord(0, 0, 5 * MS, WALL, new long[0], -1, 100, null, null, 0,
            null, new RequestError(500, "TIMEOUT", "no response within 5 ms"));
    private final List<RequestRecord> records = List.of(first, second, timeout);
    private final PointSummary summary = PointSummarizer.summarize(records, new Slo(15.0, null, null, null));
    private final ExportContext ctx = new ExportContext("c2", Instant.parse("2025-10-10T12:00:00Z"),
            Instant.parse("2025-10-10T12:00:01Z"), false, Map.of("concurrency", 2), Map.of("trial", 0),
            List.of("req-a", "req-b", "req-c"));

    @TempDir
    Path dir;

    private static RequestRecord valid(long[] responses, int outputTokens) {
        long end = responses[responses.length - 1];
        long connectionOverhead = outputTokens * 1_000_000L; // distinct per record, so its row is checked
        return new RequestRecord(0, 0, end, WALL, responses, 0, 100, outputTokens, null, 0, null, null,
                connectionOverhead);
    }

    @Test
    void csvMatchesAiperfsTwoSectionLayout() throws IOException {
        AiperfExport.write(dir, summary, records, ctx);
        String expected = """
                Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std
                HTTP Request Connection Overhead (ms),4.00,3.00,5.00,3.02,3.10,3.20,3.50,4.00,4.50,4.80,4.90,4.98,1.00
                Input Sequence Length (tokens),100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,0.00
                Inter Chunk Latency (ms),30.00,20.00,40.00,20.20,21.00,22.00,25.00,30.00,35.00,38.00,39.00,39.80,10.00
                Inter Token Latency (ms),10.00,10.00,10.00,10.00,10.00,10.00,10.00,10.00,10.00,10.00,10.00,10.00,0.00
                Output Sequence Length (tokens),4.00,3.00,5.00,3.02,3.10,3.20,3.50,4.00,4.50,4.80,4.90,4.98,1.00
                Output Token Count (tokens),4.00,3.00,5.00,3.02,3.10,3.20,3.50,4.00,4.50,4.80,4.90,4.98,1.00
                Output Token Throughput Per User (tokens/sec/user),100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00,0.00
                Prefill Throughput Per User (tokens/sec/user),7500.00,5000.00,10000.00,5050.00,5250.00,5500.00,6250.00,7500.00,8750.00,9500.00,9750.00,9950.00,2500.00
                Request Latency (ms),45.00,30.00,60.00,30.30,31.50,33.00,37.50,45.00,52.50,57.00,58.50,59.70,15.00
                Request Latency From Intended Start (ms),45.00,30.00,60.00,30.30,31.50,33.00,37.50,45.00,52.50,57.00,58.50,59.70,15.00
                Send Delay (ms),0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00
                Time to First Output Token (ms),15.00,10.00,20.00,10.10,10.50,11.00,12.50,15.00,17.50,19.00,19.50,19.90,5.00
                Time to First Token (ms),15.00,10.00,20.00,10.10,10.50,11.00,12.50,15.00,17.50,19.00,19.50,19.90,5.00
                Time to First Token From Intended Start (ms),15.00,10.00,20.00,10.10,10.50,11.00,12.50,15.00,17.50,19.00,19.50,19.90,5.00
                Time to Second Token (ms),30.00,20.00,40.00,20.20,21.00,22.00,25.00,30.00,35.00,38.00,39.00,39.80,10.00

                Metric,Value
                Achieved Concurrency,1.58
                Benchmark Duration (sec),0.06
                Error Request Count,1.00
                Good Request Count,1.00
                Good Request Fraction (ratio),0.33
                Goodput (requests/sec),16.67
                Output Token Throughput (tokens/sec),133.33
                Request Count,2.00
                Request Throughput (requests/sec),33.33
                Total Input Sequence Length (tokens),200.00
                Total Output Sequence Length (tokens),8.00
                Total Token Throughput (tokens/sec),3466.67
                """
                .replace("\n", "\r\n");
        assertThat(Files.readString(dir.resolve(AiperfExport.CSV_FILE))).isEqualTo(expected);
    }

    @Test
    void jsonReadsBackAsWritten() {
        AiperfExport.write(dir, summary, records, ctx);
        AiperfResult result = AiperfExport.read(dir.resolve(AiperfExport.JSON_FILE));
        assertThat(result.schemaVersion()).isEqualTo("1.2");
        assertThat(result.aiperfVersion()).isEqualTo("perfsweep-0.1.0");
        assertThat(result.benchmarkId()).isEqualTo("c2");
        AiperfResult.Metric ttft = result.metric("time_to_first_token").orElseThrow();
        assertThat(ttft.unit()).isEqualTo("ms");
        assertThat(ttft.stats()).containsEntry("avg", 15.0).containsEntry("p25", 12.5).containsEntry("std", 5.0)
                .containsEntry("count", 2.0).containsEntry("sum", 30.0).hasSize(15);
        assertThat(result.metric("request_count").orElseThrow().stats()).containsOnlyKeys("avg");
        assertThat(result.stat("request_count", "avg")).hasValue(2.0);
        assertThat(result.stat("request_throughput", "avg").getAsDouble()).isCloseTo(2 / 0.06,
                within(1e-9));
        assertThat(result.metric("output_token_throughput").orElseThrow().unit()).isEqualTo("tokens/sec");
        assertThat(result.stat("min_request_timestamp", "avg")).hasValue((double) WALL);
        assertThat(result.metric("time_to_first_token").orElseThrow().stat("p100")).isEmpty();
    }

    @Test
    void jsonHasAiperfsTopLevelFieldsAndOmitsUnsetOnes() throws IOException {
        AiperfExport.write(dir, summary, records, ctx);
        JsonNode root = new ObjectMapper().readTree(dir.resolve(AiperfExport.JSON_FILE).toFile());
        assertThat(root.get("start_time").asText()).isEqualTo("2025-10-10T12:00:00Z");
        assertThat(root.get("was_cancelled").asBoolean()).isFalse();
        assertThat(root.at("/input_config/concurrency").asInt()).isEqualTo(2);
        assertThat(root.at("/run_info/trial").asInt()).isZero();
        assertThat(root.at("/error_summary/0/error_details/type").asText()).isEqualTo("TIMEOUT");
        assertThat(root.at("/error_summary/0/count").asInt()).isEqualTo(1);
        assertThat(root.has("reasoning_token_count")).isFalse();
        assertThat(root.has("usage_prompt_tokens")).isFalse();

        AiperfExport.write(dir, summary, records, ExportContext.of("bare"));
        JsonNode bare = new ObjectMapper().readTree(dir.resolve(AiperfExport.JSON_FILE).toFile());
        assertThat(bare.has("start_time")).isFalse();
        assertThat(bare.has("input_config")).isFalse();
        assertThat(bare.has("run_info")).isFalse();
    }

    @Test
    void jsonlHasOneLinePerRequestWithMetadataMetricsAndError() throws IOException {
        AiperfExport.write(dir, summary, records, ctx);
        List<String> lines = Files.readAllLines(dir.resolve(AiperfExport.JSONL_FILE), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode line = mapper.readTree(lines.get(1));
        assertThat(line.at("/metadata/x_request_id").asText()).isEqualTo("req-b");
        assertThat(line.at("/metadata/session_num").asInt()).isEqualTo(1);
        assertThat(line.at("/metadata/request_start_ns").asLong()).isEqualTo(WALL);
        assertThat(line.at("/metadata/request_end_ns").asLong()).isEqualTo(WALL + 60 * MS);
        assertThat(line.at("/metadata/benchmark_phase").asText()).isEqualTo("profiling");
        assertThat(line.at("/metrics/time_to_first_token/value").asDouble()).isEqualTo(20.0);
        assertThat(line.at("/metrics/time_to_first_token/unit").asText()).isEqualTo("ms");
        assertThat(line.at("/metrics/output_sequence_length/value").isIntegralNumber()).isTrue();
        assertThat(line.at("/metrics/output_sequence_length/value").asInt()).isEqualTo(5);
        assertThat(line.at("/metrics/inter_chunk_latency/value/0").asDouble()).isEqualTo(40.0);
        assertThat(line.get("error").isNull()).isTrue();

        JsonNode failed = mapper.readTree(lines.get(2));
        assertThat(failed.at("/error/code").asInt()).isEqualTo(500);
        assertThat(failed.at("/error/type").asText()).isEqualTo("TIMEOUT");
        assertThat(failed.at("/metrics/error_isl/value").asInt()).isEqualTo(100);
        assertThat(failed.at("/metrics/time_to_first_token").isMissingNode()).isTrue();
    }

    @Test
    void readsAiperfsOwnFilesIgnoringUnknownFields(@TempDir Path other) throws IOException {
        Path json = other.resolve(AiperfExport.JSON_FILE);
        Files.writeString(json, """
                {"schema_version": "1.5", "aiperf_version": "0.13.0", "benchmark_id": "x",
                 "telemetry_data": {"summary": {}}, "runtime_submission_invalid_reasons": [],
                 "inter_token_latency": {"unit": "ms", "avg": 5.2, "p50": 5.1, "tag": "ignored"},
                 "records": {"time_to_first_token": {"unit": "ms", "avg": 255.9}},
                 "goodput": null, "was_cancelled": false}
                """);
        AiperfResult result = AiperfExport.read(json);
        assertThat(result.stat("inter_token_latency", "p50")).hasValue(5.1);
        assertThat(result.stat("time_to_first_token", "avg")).hasValue(255.9);
        assertThat(result.metrics()).containsOnlyKeys("inter_token_latency", "time_to_first_token");
    }
}
