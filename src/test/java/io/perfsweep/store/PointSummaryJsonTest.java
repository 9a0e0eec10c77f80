package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.Slo;

class PointSummaryJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void summaryHasAiperfShape() {
        PointSummary summary = PointSummarizer.summarize(SyntheticRecords.generate(200, 6, 4), Slo.NONE);

        Map<String, Object> json = PointSummaryJson.toJson(summary);

        assertThat(json).containsKeys("time_to_first_token", "inter_token_latency", "request_latency",
                "request_throughput", "output_token_throughput", "min_request_timestamp", "error_summary");
        assertThat(object(json.get("time_to_first_token"))).containsEntry("unit", "ms")
                .containsKeys("avg", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "min", "max", "std",
                        "count", "sum");
        assertThat(object(json.get("request_throughput"))).containsOnlyKeys("unit", "avg");
        assertThat((List<?>) json.get("error_summary")).singleElement()
                .satisfies(e -> assertThat(object(e)).containsEntry("count", 4L));
    }

    @Test
    void summaryRoundTripsThroughJsonTextExactly() throws Exception {
        PointSummary summary = PointSummarizer.summarize(SyntheticRecords.generate(200, 6, 5), Slo.NONE);

        String text = mapper.writeValueAsString(PointSummaryJson.toJson(summary));
        Map<String, Object> parsed = mapper.readValue(text, new TypeReference<Map<String, Object>>() {
        });

        assertThat(PointSummaryJson.fromJson(parsed)).isEqualTo(summary);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        return (Map<String, Object>) node;
    }
}
