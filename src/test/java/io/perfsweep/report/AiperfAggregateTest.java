package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.PointTrials;

/** The trials' aggregate in the shape of AIPerf's confidence exporter: its JSON keys and its two-section CSV. */
class AiperfAggregateTest {

    @TempDir
    Path dir;

    @Test
    void theAggregateHasAiperfsMetadataAndOneEntryPerStatistic() throws Exception {
        PointTrials trials = new PointTrials(List.of(trial(20, 100), trial(22, 110), trial(24, 120)));

        AiperfAggregate.write(dir, trials, 0.95);

        JsonNode json = new ObjectMapper().readTree(
                dir.resolve(AiperfAggregate.AGGREGATE_DIR).resolve(AiperfAggregate.JSON_FILE).toFile());
        assertThat(json.get("schema_version").asText()).isEqualTo("1.0");
        assertThat(json.at("/metadata/aggregation_type").asText()).isEqualTo("confidence");
        assertThat(json.at("/metadata/num_profile_runs").asInt()).isEqualTo(3);
        assertThat(json.at("/metadata/run_labels/2").asText()).isEqualTo("run_0003");
        JsonNode p99 = json.at("/metrics/time_to_first_token_p99");
        List<String> fields = new ArrayList<>();
        p99.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("mean", "std", "min", "max", "cv", "se", "ci_low", "ci_high", "t_critical",
                "unit");
        assertThat(p99.get("mean").asDouble()).isEqualTo(22.0);
        assertThat(p99.get("std").asDouble()).isEqualTo(2.0);
        assertThat(p99.get("unit").asText()).isEqualTo("ms");
        assertThat(json.at("/metrics/output_token_throughput_avg/mean").asDouble()).isEqualTo(110.0);

        String csv = AiperfAggregate.csv(trials, 0.95);
        assertThat(csv.lines().toList().get(0)).isEqualTo("metric,mean,std,min,max,cv,se,ci_low,ci_high,t_critical,unit");
        assertThat(csv).contains("time_to_first_token_p99,22.00,2.00,20.00,24.00,0.0909,1.1547,17.03,26.97,4.3027,ms",
                "\r\n\r\nAggregation Type,confidence\r\nTotal Runs,3\r\nSuccessful Runs,3\r\n");
        assertThat(AiperfAggregate.trialPath(dir, 12)).isEqualTo(dir.resolve("profile_runs").resolve("run_0012"));
    }

    @Test
    void aTrialThatFailedAfterTheOthersIsCountedAndNamedInFailedRuns() throws Exception {
        PointTrials kept = new PointTrials(List.of(trial(20, 100), trial(22, 110)));

        AiperfAggregate.write(dir, kept, 0.95, new AiperfAggregate.FailedRun(3, "point c4 did not finish"));

        JsonNode json = new ObjectMapper().readTree(
                dir.resolve(AiperfAggregate.AGGREGATE_DIR).resolve(AiperfAggregate.JSON_FILE).toFile());
        assertThat(json.at("/metadata/num_profile_runs").asInt()).isEqualTo(3);
        assertThat(json.at("/metadata/num_successful_runs").asInt()).isEqualTo(2);
        assertThat(json.at("/metadata/failed_runs/0/label").asText()).isEqualTo("run_0003");
        assertThat(json.at("/metadata/failed_runs/0/error").asText()).isEqualTo("point c4 did not finish");
        assertThat(json.at("/metrics/output_token_throughput_avg/mean").asDouble()).isEqualTo(105.0);
        assertThat(AiperfAggregate.csv(kept, 0.95, new AiperfAggregate.FailedRun(3, "x")))
                .contains("Total Runs,3\r\nSuccessful Runs,2\r\n");
    }

    private static PointSummary trial(double ttft, double throughput) {
        MetricStats stats = new MetricStats(10, ttft * 10, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft, ttft,
                ttft, ttft, 0);
        return new PointSummary(Map.of(MetricTag.TIME_TO_FIRST_TOKEN, stats),
                Map.of(MetricTag.OUTPUT_TOKEN_THROUGHPUT, throughput), List.of(), OptionalLong.empty(),
                OptionalLong.empty());
    }
}
