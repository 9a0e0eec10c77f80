package io.perfsweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The live dashboard is well formed: one Prometheus datasource, and PromQL that promtool accepts. */
class LiveDashboardTest {

    @Test
    void everyPanelAndTargetUsesThePerfsweepPrometheusDatasource() throws Exception {
        JsonNode panels = LiveDashboard.json().path("panels");
        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            assertThat(panel.at("/datasource/uid").asText()).as(panel.path("title").asText())
                    .isEqualTo(LiveDashboard.DATASOURCE_UID);
            assertThat(panel.path("targets")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.at("/datasource/uid").asText())
                            .isEqualTo(LiveDashboard.DATASOURCE_UID));
        }
        assertThat(LiveDashboard.expressions()).allSatisfy(expr -> assertThat(LiveDashboard.metricNames(expr))
                .as(expr).isNotEmpty());
    }

    @Test
    void promtoolAcceptsEveryExpressionAsARecordingRule() throws Exception {
        List<String> expressions = LiveDashboard.expressions();
        var rules = new StringBuilder("groups:\n  - name: perfsweep-live-dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            // A YAML single-quoted scalar: only the single quote needs escaping (doubled).
            rules.append("      - record: perfsweep:dashboard_expr_").append(i).append('\n')
                    .append("        expr: '").append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Path dir = Files.createDirectories(Path.of("target/promtool"));
        Path file = Files.writeString(dir.resolve("perfsweep-live-rules.yml"), rules);

        Promtool.Result result = Promtool.run(null, "check", "rules", file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
    }
}
