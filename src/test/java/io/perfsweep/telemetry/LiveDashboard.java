package io.perfsweep.telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The live Grafana dashboard as the tests read it: its panels' PromQL and the metric names they use. */
final class LiveDashboard {

    static final Path FILE = Path.of("grafana/dashboards/perfsweep-live.json");
    static final String DATASOURCE_UID = "perfsweep-prometheus";

    private static final Pattern METRIC = Pattern.compile("\\bperfsweep_[a-z_]+");

    private LiveDashboard() {
    }

    static JsonNode json() throws IOException {
        return new ObjectMapper().readTree(FILE.toFile());
    }

    /** Every panel target's expression, with the dashboard variable replaced as Grafana would for "All". */
    static List<String> expressions() throws IOException {
        var expressions = new ArrayList<String>();
        for (JsonNode panel : json().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText().replace("$benchmark", ".*"));
            }
        }
        return expressions;
    }

    /** The {@code perfsweep_*} series names an expression reads. */
    static List<String> metricNames(String expression) {
        return METRIC.matcher(expression).results().map(match -> match.group()).distinct().toList();
    }
}
