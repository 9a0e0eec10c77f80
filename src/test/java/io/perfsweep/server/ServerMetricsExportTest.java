package io.perfsweep.server;

import static io.perfsweep.server.ServerMetricsWindowTest.EPOCH;
import static io.perfsweep.server.ServerMetricsWindowTest.S;
import static io.perfsweep.server.ServerMetricsWindowTest.URL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ServerMetricsExportTest {

    static final String UNREACHABLE = "http://gpu-z:8000/metrics";

    private final ServerMetricsWindow window = ServerMetricsWindow.of(ServerFactsTest.vllmScrapes(), S, 10 * S);
    private final ServerExportContext ctx = new ServerExportContext("perfsweep-0.1.0",
            "00000000-0000-0000-0000-000000000001", List.of(URL, UNREACHABLE), EPOCH.plusSeconds(1),
            EPOCH.plusSeconds(10), Map.of("loadgen", Map.of("concurrency", 8)));

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(ServerMetricsExport.json(window, ctx));
    }

    @Test
    void topLevelAndSummaryFollowTheSchema() throws Exception {
        JsonNode root = json();

        assertThat(root.get("schema_version").asText()).isEqualTo("1.0");
        assertThat(root.get("aiperf_version").asText()).isEqualTo("perfsweep-0.1.0");
        assertThat(root.get("benchmark_id").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(root.get("input_config").at("/loadgen/concurrency").asInt()).isEqualTo(8);
        JsonNode summary = root.get("summary");
        assertThat(summary.get("endpoints_configured")).extracting(JsonNode::asText).containsExactly(URL,
                UNREACHABLE);
        assertThat(summary.get("endpoints_successful")).extracting(JsonNode::asText).containsExactly(URL);
        assertThat(summary.get("start_time").asText()).isEqualTo("2023-11-14T22:13:21.000000+00:00");
        JsonNode info = summary.get("endpoint_info").get(URL);
        assertThat(info.get("total_fetches").asLong()).isEqualTo(3);
        assertThat(info.get("unique_updates").asLong()).isEqualTo(3);
        assertThat(info.get("median_update_interval_ms").asDouble()).isEqualTo(5000.0);
        assertThat(info.get("first_fetch_ns").asLong()).isEqualTo(1_700_000_000L * S);
    }

    @Test
    void metricsCarryTypeUnitSeriesAndStats() throws Exception {
        JsonNode metrics = json().get("metrics");

        JsonNode tokens = metrics.get("vllm:generation_tokens");
        assertThat(tokens.get("type").asText()).isEqualTo("counter");
        assertThat(tokens.get("unit").asText()).isEqualTo("tokens");
        JsonNode series = tokens.get("series").get(0);
        assertThat(series.get("endpoint_url").asText()).isEqualTo(URL);
        assertThat(series.at("/labels/engine").asText()).isEqualTo("0");
        assertThat(series.at("/stats/total").asDouble()).isEqualTo(8000.0);
        assertThat(series.at("/stats/rate").asDouble()).isEqualTo(800.0);
        assertThat(series.has("buckets")).isFalse();

        JsonNode running = metrics.get("vllm:num_requests_running").get("series").get(0).get("stats");
        assertThat(running.fieldNames()).toIterable().containsExactly("avg", "min", "max", "std", "p1", "p5", "p10",
                "p25", "p50", "p75", "p90", "p95", "p99");

        JsonNode ttft = metrics.get("vllm:time_to_first_token_seconds");
        assertThat(ttft.get("type").asText()).isEqualTo("histogram");
        assertThat(ttft.get("unit").asText()).isEqualTo("seconds");
        JsonNode ttftSeries = ttft.get("series").get(0);
        assertThat(ttftSeries.at("/stats/count").asLong()).isEqualTo(20);
        assertThat(ttftSeries.at("/stats/avg").asDouble()).isEqualTo(0.1);
        assertThat(ttftSeries.at("/stats/p50_estimate").asDouble()).isEqualTo(0.05);
        assertThat(ttftSeries.get("buckets").fieldNames()).toIterable().containsExactly("0.1", "+Inf");
        assertThat(ttftSeries.at("/buckets/+Inf").asLong()).isEqualTo(20);

        JsonNode info = metrics.get("vllm:cache_config_info");
        assertThat(info.get("type").asText()).isEqualTo("gauge");
        assertThat(info.at("/series/0/labels/num_gpu_blocks").asText()).isEqualTo("71671");
    }

    @Test
    void theMapFormIsTheJsonTree() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        assertThat(mapper.writeValueAsString(ServerMetricsExport.toMap(window, ctx)))
                .isEqualTo(mapper.writeValueAsString(json()));
    }

    @Test
    void nonFiniteValuesBecomeNull() throws Exception {
        ServerMetricsWindow nan = ServerMetricsWindow.of(List.of(ServerMetricsWindowTest.scrape(1, "g NaN\n")), 0,
                2 * S);
        JsonNode stats = new ObjectMapper().readTree(ServerMetricsExport.json(nan, ctx)).at("/metrics/g/series/0/stats");

        assertThat(stats.get("avg").isNull()).isTrue();
    }

    @Test
    void leKeysAreWrittenAsExportersDo() {
        assertThat(ServerMetricsExport.leKey(0.04)).isEqualTo("0.04");
        assertThat(ServerMetricsExport.leKey(1.0)).isEqualTo("1.0");
        assertThat(ServerMetricsExport.leKey(7680)).isEqualTo("7680.0");
        assertThat(ServerMetricsExport.leKey(0.0001)).isEqualTo("0.0001");
        assertThat(ServerMetricsExport.leKey(1e7)).isEqualTo("10000000.0");
        assertThat(ServerMetricsExport.leKey(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void csvHasFourSectionsWithALabelColumnEach() {
        String[] sections = ServerMetricsExport.csv(window).split("\r\n\r\n");

        assertThat(sections).hasSize(4);
        assertThat(sections[0]).startsWith("Endpoint,Type,Metric,Unit,avg,min,max,std,p1,p5,p10,p25,p50,p75,p90,p95,"
                + "p99,engine,model_name,Description\r\n");
        assertThat(sections[0]).contains(URL + ",gauge,vllm:num_requests_running,,7.0000,6.0000,8.0000,");
        assertThat(sections[1]).startsWith("Endpoint,Type,Metric,Unit,total,rate,engine,model_name,Description");
        assertThat(sections[1]).contains(URL + ",counter,vllm:generation_tokens,tokens,8000.0000,800.0000,0,m,");
        assertThat(sections[2]).contains(",buckets\r\n").contains("0.1=20;+Inf=20");
        assertThat(sections[3]).startsWith("Endpoint,Metric,Key,Value,Description\r\n")
                .contains(URL + ",vllm:cache_config_info,num_gpu_blocks,71671,");
    }

    @Test
    void writesBothFiles(@TempDir Path dir) throws Exception {
        ServerMetricsExport.write(dir.resolve("point-1"), window, ctx);

        assertThat(Files.readString(dir.resolve("point-1").resolve(ServerMetricsExport.JSON_FILE)))
                .contains("\"schema_version\" : \"1.0\"");
        assertThat(dir.resolve("point-1").resolve(ServerMetricsExport.CSV_FILE)).isNotEmptyFile();
    }
}
