package io.perfsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.testsupport.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Checks the PostgreSQL Grafana dashboards' structure and runs every panel and variable query on the real schema. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class GrafanaSqlPanelsTest {

    private static final Path DASHBOARDS = Path.of("grafana", "dashboards");
    private static final String POSTGRES_UID = "perfsweep-postgres";
    /** Panels run as this role, which may only SELECT from job and sweep_point (what grafana/README.md grants). */
    private static final String READER_ROLE = "perfsweep_grafana_reader";
    private static final String FRONTIER = "Pareto frontier";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's {@code ${var:sqlstring}}: each value quoted, quotes doubled, comma-joined. */
    private static final Pattern SQLSTRING_VARIABLE = Pattern.compile("\\$\\{(\\w+):sqlstring}");
    /** Grafana's {@code $__timeFilter(column)}: {@code column BETWEEN 'from' AND 'to'} in RFC 3339. */
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([\\w.]+)\\)");

    @Inject
    JobRepository jobs;

    @Inject
    PointStore store;

    @Inject
    AgroalDataSource dataSource;

    private final Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private final Instant to = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void readerRole() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + READER_ROLE + "')"
                    + " THEN CREATE ROLE " + READER_ROLE + " NOLOGIN; END IF; END $$");
            s.execute("GRANT SELECT ON job, sweep_point TO " + READER_ROLE);
            s.execute("GRANT " + READER_ROLE + " TO CURRENT_USER");
        }
    }

    @Test
    void dashboardsFollowGrafanasSchema() {
        List<Dashboard> dashboards = postgresDashboards();

        assertThat(dashboards).extracting(d -> d.file().getFileName().toString()).contains("perfsweep-history.json");
        assertThat(dashboards).extracting(d -> d.root().path("uid").asText()).doesNotHaveDuplicates();
        for (Dashboard dashboard : dashboards) {
            JsonNode root = dashboard.root();
            String where = dashboard.file().toString();
            assertThat(root.path("uid").asText()).as(where + " uid").matches("[a-zA-Z0-9_-]{1,40}");
            assertThat(root.path("title").asText()).as(where + " title").isNotBlank();
            assertThat(root.path("schemaVersion").isInt()).as(where + " schemaVersion").isTrue();
            assertThat(root.path("schemaVersion").asInt()).as(where + " schemaVersion").isBetween(36, 41);
            List<JsonNode> panels = panels(root);
            assertThat(panels).as(where + " panels").isNotEmpty();
            assertThat(panels).extracting(p -> p.path("id").asInt(-1)).as(where + " panel ids")
                    .doesNotContain(-1).doesNotHaveDuplicates();
            assertGridPositions(where, panels);
            for (JsonNode panel : panels) {
                if (!"row".equals(panel.path("type").asText()) && usesPostgres(panel)) {
                    assertPostgresPanel(where + " panel " + panel.path("title").asText(), panel);
                }
            }
            for (JsonNode variable : root.path("templating").path("list")) {
                if (POSTGRES_UID.equals(variable.path("datasource").path("uid").asText())) {
                    assertThat(variable.path("type").asText()).isEqualTo("query");
                    assertThat(variable.path("query").asText()).as(where + " $" + variable.path("name").asText())
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void everyPanelAndVariableQueryReturnsRows() {
        Fixture fixture = storeFixture();
        Map<String, List<String>> selection = Map.of("name", List.of(fixture.aggName(), fixture.disaggName()),
                "job", List.of(fixture.agg(), fixture.disagg()));
        int executed = 0;
        for (Dashboard dashboard : postgresDashboards()) {
            for (JsonNode variable : dashboard.root().path("templating").path("list")) {
                if (POSTGRES_UID.equals(variable.path("datasource").path("uid").asText())) {
                    Result result = run("$" + variable.path("name").asText(), variable.path("query").asText(),
                            selection);
                    assertThat(result.rows()).as("$" + variable.path("name").asText()).isNotEmpty();
                    executed++;
                }
            }
            for (JsonNode panel : panels(dashboard.root())) {
                for (JsonNode target : postgresTargets(panel)) {
                    String title = panel.path("title").asText();
                    Result result = run(title, target.path("rawSql").asText(), selection);
                    assertThat(result.rows()).as(title).isNotEmpty();
                    assertTransformationFieldsExist(title, panel, result);
                    executed++;
                }
            }
        }
        // The history dashboard alone has 2 variables and 10 panels.
        assertThat(executed).isGreaterThanOrEqualTo(2 + 10);
    }

    @Test
    void variablesListTheSucceededJobsOfTheChosenNames() {
        Fixture fixture = storeFixture();
        JsonNode history = history();

        Result names = run("$name", variable(history, "name").path("query").asText(), Map.of());
        Result jobList = run("$job", variable(history, "job").path("query").asText(),
                Map.of("name", List.of(fixture.aggName(), fixture.disaggName())));

        assertThat(names.column("name")).contains(fixture.aggName(), fixture.disaggName(), fixture.outsiderName())
                .doesNotContain(fixture.failedName());
        // Newest first; the outsider succeeded too but has another name.
        assertThat(jobList.column("__value")).containsExactly(fixture.disagg(), fixture.agg());
        assertThat(jobList.column("__text")).containsExactly(fixture.disaggName() + " · " + fixture.disagg(),
                fixture.aggName() + " · " + fixture.agg());
    }

    @Test
    void sweepPanelsShowOneSeriesPerJobAndTheTableEveryPoint() {
        Fixture fixture = storeFixture();
        JsonNode history = history();
        Map<String, List<String>> selection = Map.of("job", List.of(fixture.agg(), fixture.disagg()));

        Result ttft = run(history, "TTFT avg vs concurrency", selection);
        Result table = run(history, "Sweep points of the selected jobs", selection);
        Result states = run(history, "Jobs by state", selection);
        Result latest = run(history, "Latest jobs", selection);

        assertThat(ttft.column("concurrency")).containsExactly(1, 1, 4, 8, 16);
        assertThat(ttft.column("job")).containsOnly(fixture.series(fixture.agg(), fixture.aggName()),
                fixture.series(fixture.disagg(), fixture.disaggName()));
        assertThat(table.columns()).containsExactly("job", "label", "concurrency", "requests", "errors",
                "ttft_p50_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p99_ms", "tok_s", "tok_s_user", "tok_s_gpu",
                "goodput");
        assertThat(table.column("label")).containsExactly("c1", "c8", "c1", "c4", "c16");
        assertThat(table.column("requests")).containsOnly(196L);
        assertThat(table.column("errors")).containsOnly(4L);
        assertThat(table.rows()).allSatisfy(row -> assertThat(row).doesNotContainNull());
        assertThat(states.column("state")).containsExactly("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED",
                "REJECTED");
        assertThat((Long) states.rows().get(2).get(1)).isGreaterThanOrEqualTo(3);
        assertThat((Long) states.rows().get(3).get(1)).isGreaterThanOrEqualTo(1);
        assertThat(latest.column("id")).contains(fixture.agg(), fixture.disagg(), fixture.outsider(),
                fixture.failed());
        int failed = latest.column("id").indexOf(fixture.failed());
        assertThat(latest.rows().get(failed)).containsSubsequence("FAILED", "target unreachable", "0 / 3");
    }

    @Test
    void theServerPanelListsThePointsMeasuredWithServerMetricsWithTheirGpuFigures() {
        Fixture fixture = storeFixture();
        Result server = run(history(), "Server and GPU figures per point",
                Map.of("job", List.of(fixture.agg(), fixture.disagg())));

        assertThat(server.column("job")).containsOnly(fixture.series(fixture.agg(), fixture.aggName()));
        assertThat(server.column("label")).containsExactly("c1", "c4", "c16");
        assertThat(server.column("server")).containsOnly("vllm");
        assertThat(server.column("ttft_server_ms")).containsExactly(10.0, 40.0, 160.0);
        assertThat(server.column("kv_usage_avg")).containsExactly(0.01, 0.04, 0.16);
        assertThat(server.column("gpu_power_w")).containsOnly(600.0);
        assertThat(server.column("energy_per_token_mj")).containsOnly(350.5);
        assertThat(server.column("ttft_client_ms")).doesNotContainNull();
    }

    /**
     * The stored points, (tok/s/user, tok/s/gpu) set by hand:
     *
     * <pre>
     * agg    c1  (100, 10)  frontier: nothing has tok/s/user above 100
     * agg    c4  ( 60, 40)  dominated by disagg c8 (65, 45)
     * agg    c16 ( 20, 70)  frontier: the highest tok/s/gpu
     * disagg c1  (100,  8)  dominated by agg c1: equal tok/s/user, more tok/s/gpu
     * disagg c8  ( 65, 45)  frontier: only agg c1 has more tok/s/user, and it has less tok/s/gpu
     * outsider   (200, 200) would dominate all, but its job is not selected
     * </pre>
     */
    @Test
    void paretoPanelFindsTheHandComputedFrontier() {
        Fixture fixture = storeFixture();

        Result pareto = run(history(), "tok/s/gpu vs tok/s/user (Pareto frontier)",
                Map.of("job", List.of(fixture.agg(), fixture.disagg())));

        String agg = fixture.series(fixture.agg(), fixture.aggName());
        String disagg = fixture.series(fixture.disagg(), fixture.disaggName());
        List<List<Object>> frontier = pareto.rows().stream().filter(row -> FRONTIER.equals(row.get(0)))
                .map(row -> row.subList(1, 4)).toList();
        assertThat(frontier).containsExactly(
                List.<Object> of(agg + " c16", 20.0, 70.0),
                List.<Object> of(disagg + " c8", 65.0, 45.0),
                List.<Object> of(agg + " c1", 100.0, 10.0));
        List<String> points = pareto.rows().stream().filter(row -> !FRONTIER.equals(row.get(0)))
                .map(row -> (String) row.get(1)).toList();
        assertThat(points).containsExactlyInAnyOrder(agg + " c1", agg + " c4", agg + " c16", disagg + " c1",
                disagg + " c8");
    }

    @Test
    void atMostTwelveJobsAreCompared() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant first = Instant.now().minus(10, ChronoUnit.MINUTES);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String id = "grafana-many-" + run + "-" + i;
            succeededJob(id, "grafana-many-" + run, first.plusSeconds(i), new int[] { 1 + i }, new double[0][]);
            ids.add(id);
        }

        Result table = run(history(), "Sweep points of the selected jobs", Map.of("job", ids));

        String name = "grafana-many-" + run;
        assertThat(table.column("job")).hasSize(12).doesNotHaveDuplicates()
                .doesNotContain(name + " · " + ids.get(0)).contains(name + " · " + ids.get(12));
    }

    // Fixture

    /** The stored jobs: two selected ones, a succeeded one not selected, and a failed one. */
    private record Fixture(String run, String agg, String disagg, String outsider, String failed) {

        String aggName() {
            return "grafana-agg-" + run;
        }

        /** With a quote, so that sqlstring quoting is exercised. */
        String disaggName() {
            return "grafana-disagg-" + run + "'s";
        }

        String outsiderName() {
            return "grafana-outsider-" + run;
        }

        String failedName() {
            return "grafana-failed-" + run;
        }

        String series(String id, String name) {
            return name + " · " + id;
        }
    }

    private Fixture storeFixture() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Fixture f = new Fixture(run, "job-agg-" + run, "job-disagg-" + run, "job-outsider-" + run,
                "job-failed-" + run);
        Instant now = Instant.now();
        succeededJob(f.agg(), f.aggName(), now.minusSeconds(3), new int[] { 1, 4, 16 },
                new double[][] { { 100, 10 }, { 60, 40 }, { 20, 70 } });
        // the agg job was measured with server metrics and a DCGM exporter, the disagg job without
        execute("UPDATE sweep_point SET server_metrics = jsonb_build_object('facts', jsonb_build_object("
                + "'server', 'vllm', 'server_ttft_mean_ms', concurrency * 10.0, 'requests_running_avg', concurrency,"
                + " 'kv_cache_usage_avg', concurrency / 100.0, 'prefix_cache_hit_rate', 0.25, 'preemptions', 0),"
                + " 'gpu', jsonb_build_object('total_gpu_power_w', 600, 'energy_per_output_token_mj', 350.5))"
                + " WHERE job_id = '" + f.agg() + "'");
        succeededJob(f.disagg(), f.disaggName(), now.minusSeconds(2), new int[] { 1, 8 },
                new double[][] { { 100, 8 }, { 65, 45 } });
        succeededJob(f.outsider(), f.outsiderName(), now.minusSeconds(1), new int[] { 1 },
                new double[][] { { 200, 200 } });
        JobEntity failed = JobEntity.queued(f.failed(), f.failedName(), "{}", "http://mock:8000", "m", 3);
        failed.createdAt = now;
        failed.moveTo(JobState.FAILED, "target unreachable", now);
        jobs.persistIfAbsent(failed);
        return f;
    }

    /**
     * Stores a succeeded job with one point per concurrency, summarized from 200 synthetic records (196 valid, 4
     * timeouts, 4 GPUs, TTFT SLO 60 ms); {@code pareto[i]}, when given, overrides point i's tok/s/user and tok/s/gpu.
     */
    private void succeededJob(String id, String name, Instant createdAt, int[] concurrencies, double[][] pareto) {
        JobEntity job = JobEntity.queued(id, name, "{}", "http://mock:8000", "m", concurrencies.length);
        job.createdAt = createdAt;
        job.moveTo(JobState.RUNNING, null, createdAt);
        job.moveTo(JobState.SUCCEEDED, null, createdAt.plusSeconds(5));
        job.pointsDone = concurrencies.length;
        jobs.persistIfAbsent(job);
        for (int i = 0; i < concurrencies.length; i++) {
            List<RequestRecord> records = SyntheticRecords.generate(200, 8, i);
            Instant started = createdAt.plusSeconds(i);
            long pointId = store.store(new PointToStore(id, i, "c" + concurrencies[i], concurrencies[i], null, 4,
                    PointSummarizer.summarize(records, new Slo(60.0, null, null, null)), null, started,
                    started.plusSeconds(1)), records).pointId();
            if (i < pareto.length) {
                execute("UPDATE sweep_point SET tokens_per_sec_per_user = " + pareto[i][0]
                        + ", tokens_per_sec_per_gpu = " + pareto[i][1] + " WHERE id = " + pointId);
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    // Running the dashboards' SQL

    private record Result(List<String> columns, List<List<Object>> rows) {

        List<Object> column(String name) {
            int index = columns.indexOf(name);
            assertThat(index).as("column " + name + " of " + columns).isNotNegative();
            return rows.stream().map(row -> row.get(index)).toList();
        }
    }

    private Result run(JsonNode dashboard, String panelTitle, Map<String, List<String>> variables) {
        JsonNode panel = panels(dashboard).stream().filter(p -> panelTitle.equals(p.path("title").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no panel " + panelTitle));
        List<JsonNode> targets = postgresTargets(panel);
        assertThat(targets).as(panelTitle).hasSize(1);
        return run(panelTitle, targets.get(0).path("rawSql").asText(), variables);
    }

    /** Interpolates like Grafana, then runs the SQL as the read-only role in a transaction of its own. */
    private Result run(String what, String rawSql, Map<String, List<String>> variables) {
        String sql = interpolate(what, rawSql, variables);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE " + READER_ROLE);
                try (ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                    return new Result(columns, rows);
                }
            } catch (SQLException e) {
                throw new AssertionError(what + " failed: " + e.getMessage() + "\n" + sql, e);
            }
        });
    }

    private String interpolate(String what, String rawSql, Map<String, List<String>> variables) {
        String sql = SQLSTRING_VARIABLE.matcher(rawSql).replaceAll(m -> {
            List<String> values = variables.get(m.group(1));
            assertThat(values).as(what + ": value of $" + m.group(1)).isNotNull().isNotEmpty();
            return Matcher.quoteReplacement(values.stream().map(v -> "'" + v.replace("'", "''") + "'")
                    .collect(Collectors.joining(",")));
        });
        sql = TIME_FILTER.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + " BETWEEN '" + from + "' AND '" + to + "'"));
        assertThat(sql).as(what + " uses only ${var:sqlstring} and $__timeFilter(column)").doesNotContain("$");
        return sql;
    }

    /** Each field a "Grouping to matrix" transformation names must be a column of the query's result. */
    private static void assertTransformationFieldsExist(String title, JsonNode panel, Result result) {
        for (JsonNode transformation : panel.path("transformations")) {
            if ("groupingToMatrix".equals(transformation.path("id").asText())) {
                JsonNode options = transformation.path("options");
                assertThat(result.columns()).as(title).contains(options.path("rowField").asText(),
                        options.path("columnField").asText(), options.path("valueField").asText());
            }
        }
    }

    // Reading the dashboards

    private record Dashboard(Path file, JsonNode root) {
    }

    /** Every dashboard under grafana/dashboards/ with at least one panel or variable on the PostgreSQL datasource. */
    private static List<Dashboard> postgresDashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                if (!root.findValues("datasource").stream()
                        .filter(ds -> POSTGRES_UID.equals(ds.path("uid").asText())).toList().isEmpty()) {
                    dashboards.add(new Dashboard(file, root));
                }
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode history() {
        return postgresDashboards().stream().filter(d -> d.file().endsWith("perfsweep-history.json")).findFirst()
                .orElseThrow().root();
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    /** Top-level panels and those inside rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static boolean usesPostgres(JsonNode panel) {
        return POSTGRES_UID.equals(panel.path("datasource").path("uid").asText())
                || !postgresTargets(panel).isEmpty();
    }

    private static List<JsonNode> postgresTargets(JsonNode panel) {
        List<JsonNode> targets = new ArrayList<>();
        boolean panelOnPostgres = POSTGRES_UID.equals(panel.path("datasource").path("uid").asText());
        for (JsonNode target : panel.path("targets")) {
            String uid = target.path("datasource").path("uid").asText(null);
            if (POSTGRES_UID.equals(uid) || uid == null && panelOnPostgres) {
                targets.add(target);
            }
        }
        return targets;
    }

    private static void assertPostgresPanel(String where, JsonNode panel) {
        assertThat(panel.path("datasource").path("uid").asText()).as(where + " datasource").isEqualTo(POSTGRES_UID);
        assertThat(panel.path("targets").size()).as(where + " targets").isPositive();
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : panel.path("targets")) {
            assertThat(target.path("datasource").path("uid").asText()).as(where + " target datasource")
                    .isEqualTo(POSTGRES_UID);
            assertThat(target.path("datasource").path("type").asText()).as(where + " target datasource type")
                    .isEqualTo("grafana-postgresql-datasource");
            assertThat(target.path("rawSql").asText()).as(where + " rawSql").isNotBlank();
            assertThat(target.path("rawQuery").asBoolean()).as(where + " rawQuery").isTrue();
            assertThat(target.path("format").asText()).as(where + " format").isIn("table", "time_series");
            assertThat(refIds.add(target.path("refId").asText())).as(where + " refId unique").isTrue();
        }
        // An XY chart plots the matrix's first field against the others: dims.x must name it, as a number.
        Map<String, JsonNode> transformations = new LinkedHashMap<>();
        panel.path("transformations").forEach(t -> transformations.put(t.path("id").asText(), t.path("options")));
        if (transformations.containsKey("groupingToMatrix")) {
            JsonNode matrix = transformations.get("groupingToMatrix");
            String rowField = matrix.path("rowField").asText() + "\\" + matrix.path("columnField").asText();
            assertThat(transformations.get("convertFieldType").path("conversions").get(0).path("targetField")
                    .asText()).as(where + " converted field").isEqualTo(rowField);
            assertThat(panel.path("options").path("dims").path("x").asText()).as(where + " x").isEqualTo(rowField);
        }
    }

    /** Inside the 24-column grid, and no two panels overlap. */
    private static void assertGridPositions(String where, List<JsonNode> panels) {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridPos");
            String what = where + " panel " + panel.path("id").asInt() + " gridPos";
            for (String key : List.of("h", "w", "x", "y")) {
                assertThat(grid.path(key).isInt()).as(what + "." + key).isTrue();
            }
            int x = grid.path("x").asInt(), y = grid.path("y").asInt(), w = grid.path("w").asInt(),
                    h = grid.path("h").asInt();
            assertThat(w).as(what).isBetween(1, 24);
            assertThat(h).as(what).isPositive();
            assertThat(x).as(what).isBetween(0, 24 - w);
            assertThat(y).as(what).isNotNegative();
            for (int[] other : boxes) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3]
                        && other[1] < y + h;
                if (overlaps) {
                    fail(what + " overlaps another panel");
                }
            }
            boxes.add(new int[] { x, y, w, h });
        }
    }
}
