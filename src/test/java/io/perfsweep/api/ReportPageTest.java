package io.perfsweep.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.mock.MockEngineConfig;
import io.perfsweep.testsupport.ApiJobs;
import io.perfsweep.testsupport.HeadlessChromium;
import io.perfsweep.testsupport.NatsServerResource;
import io.perfsweep.testsupport.PostgresResource;
import io.perfsweep.testsupport.ServiceFixture;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The HTML report of real jobs, run by the service against the mock engine and read back from PostgreSQL: what the
 * page says, its plots on their own, the comparison of jobs, and the page as Chromium renders it.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NatsServerResource.class, scope = TestResourceScope.GLOBAL)
class ReportPageTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOSTILE_TAG = "<script>alert('x')</script>";
    private static final Pattern POINT_ROW = Pattern.compile("<tr class=\"point( failed)?\">");

    private static ServiceFixture fixture;
    private static String agg;
    private static String tp2;
    private static String dead;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServiceFixture.start(MockEngineConfig.simulated(4));
    }

    /** Once, before the first test: REST Assured knows the app's port only from here on. */
    @BeforeEach
    void runJobsOnce() {
        if (agg != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        agg = "report-agg-" + suffix;
        tp2 = "report-tp2-" + suffix;
        dead = "report-dead-" + suffix;
        ApiJobs.submit(job(agg, fixture.mock().baseUrl(), 1, "nightly"));
        ApiJobs.submit(job(tp2, fixture.mock().baseUrl(), 2, "nightly"));
        ApiJobs.submit(job(dead, "http://127.0.0.1:1", 1, HOSTILE_TAG).replace("[1, 2, 4, 8, 16]", "[1, 2]"));
        assertThat(ApiJobs.awaitEnd(agg, JOB_TIMEOUT)).isEqualTo("SUCCEEDED");
        assertThat(ApiJobs.awaitEnd(tp2, JOB_TIMEOUT)).isEqualTo("SUCCEEDED");
        assertThat(ApiJobs.awaitEnd(dead, JOB_TIMEOUT)).isEqualTo("FAILED");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.stop();
    }

    /** Both successful jobs have one name, as a nightly benchmark keeps its name: the comparison tells them apart. */
    private static String job(String id, String url, int tp, String note) {
        return """
                {"apiVersion": "perfsweep/v1", "id": "%s", "name": "qwen3-demo",
                 "target": {"url": "%s", "model": "Qwen/Qwen3-0.6B",
                            "deployment": {"mode": "aggregated", "tp": %d, "dp": 1}},
                 "workload": {"type": "synthetic", "isl": 512, "islStd": 0, "osl": 48},
                 "load": {"type": "concurrency", "levels": [1, 2, 4, 8, 16], "requestCount": 16},
                 "tags": {"team": "inference", "note": "%s"}}
                """.formatted(id, url, tp, note);
    }

    @Test
    void theReportShowsTheJobItsPlotsAndARowPerPointWithTheApisNumbers() throws Exception {
        String html = given().get("/api/jobs/{id}/report", agg).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();

        assertThat(html).contains("qwen3-demo", agg, fixture.mock().baseUrl(), "Qwen/Qwen3-0.6B", "agg-tp1-dp1",
                "SUCCEEDED", "team=inference", "note=nightly");
        assertThat(count(html, "<svg")).isEqualTo(5 + 5); // the five plots, then each point over time
        assertThat(html).contains("p50 Inter-Token Latency vs Concurrency", "Request Throughput vs Concurrency",
                "Efficiency: tok/s/gpu vs tok/s/user");
        assertThat(count(html, POINT_ROW)).isEqualTo(5);
        JsonNode points = pointsOf(agg);
        for (JsonNode point : points) {
            String ttftAvg = String.format(Locale.ROOT, "%.2f", point.at("/summary/time_to_first_token/avg").asDouble());
            String tokPerSec = String.format(Locale.ROOT, "%.2f",
                    point.at("/summary/output_token_throughput/avg").asDouble());
            assertThat(rowOf(html, point.path("label").asText())).contains(">" + ttftAvg + "<", ">" + tokPerSec + "<",
                    ">16<");
        }
        assertThat(html).contains("★", "href=\"plots/avg_time_to_first_token_vs_concurrency.png\"");
        // the target's own metrics, a row per point: the simulated mock tells its KV capacity and its own TTFT
        assertThat(html).contains("the target's own metrics");
        assertThat(count(html, "<tr class=\"server-point\"")).isEqualTo(5);
        for (JsonNode point : points) {
            String capacity = String.format(Locale.ROOT, "%,d", point.at("/server/facts/max_kv_tokens").asLong());
            String serverTtft = String.format(Locale.ROOT, "%.2f",
                    point.at("/server/clientVsServer/ttft_ms/server_avg").asDouble());
            String serverRow = html.substring(html.indexOf("<tr class=\"server-point\">\n    <td class=\"text\">"
                    + point.path("label").asText() + "<"));
            assertThat(serverRow.substring(0, serverRow.indexOf("</tr>"))).contains(">vllm<", ">" + capacity + "<",
                    ">" + serverTtft + "<");
        }
        // each point over time: the client's requests in flight against the server's running, waiting and KV usage
        assertThat(count(html, "<figure class=\"timeline\"")).isEqualTo(5);
        assertThat(html).contains("each point over time", "id=\"timeline_c16\"",
                "c16 over time: client in flight vs server running, waiting and KV usage");
    }

    @Test
    void userTextIsEscapedAndThePageFetchesNothing() {
        String html = given().get("/api/jobs/{id}/report", dead).then().statusCode(200).extract().asString();

        assertThat(html).contains("note=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain(HOSTILE_TAG);
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<link", " src=", "@import", "<iframe");
        // the SVGs' clip paths refer to their own elements (url(#id)); nothing else is referenced
        assertThat(count(html, Pattern.compile("url\\((?!#)"))).isZero();
    }

    @Test
    void aFailedJobShowsItsReasonAndEachFailedPointWithWhyItFailed() {
        String html = given().get("/api/jobs/{id}/report", dead).then().statusCode(200).extract().asString();

        assertThat(html).contains("FAILED", "every request failed");
        assertThat(count(html, "<tr class=\"point failed\">")).isEqualTo(2);
        assertThat(rowOf(html, "c1")).contains("CONNECT ×");
        assertThat(html).contains("No plot");
    }

    @Test
    void eachPlotIsServedAsSvgAndAsPng() throws Exception {
        given().get("/api/jobs/{id}/plots/avg_time_to_first_token_vs_concurrency.svg", agg).then().statusCode(200)
                .contentType("image/svg+xml").body(containsString("<svg"));
        byte[] png = given().get("/api/jobs/{id}/plots/efficiency_tok_s_gpu_vs_user.png", agg).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(650);

        given().get("/api/jobs/{id}/plots/no_such_plot.svg", agg).then().statusCode(404)
                .body("type", equalTo("not_found"));
        given().get("/api/jobs/{id}/plots/avg_time_to_first_token_vs_concurrency.png", dead).then().statusCode(404)
                .body("message", containsString("no data"));
        given().get("/api/jobs/{id}/report", "no-such-job").then().statusCode(404)
                .contentType(containsString("application/json")).body("type", equalTo("not_found"));
    }

    @Test
    void theComparisonShowsEveryJobAsItsOwnSeries() {
        String html = given().queryParam("job", agg, tp2, dead).get("/api/reports/compare").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();

        assertThat(html).contains("comparison of 3 jobs", "qwen3-demo (" + agg + ")", "qwen3-demo (" + tp2 + ")",
                "agg-tp2-dp1");
        assertThat(count(html, "<svg")).isEqualTo(5); // the five plots; each point over time only on a job's own page
        assertThat(count(html, POINT_ROW)).isEqualTo(5 + 5 + 2);
        // the targets' own figures side by side: each point of both successful jobs together, no GPU columns
        // (no DCGM exporter was scraped)
        assertThat(count(html, "<tr class=\"server-compared\">")).isEqualTo(5 + 5);
        String compared = html.substring(html.indexOf("<tr class=\"server-compared\">"));
        assertThat(compared.substring(0, compared.indexOf("</tr>"))).contains(">c1<", ">vllm<",
                "qwen3-demo (" + agg + ")");
        assertThat(html).contains("side by side").doesNotContain("GPU power W");
        // tok/s/gpu of the TP-2 job is its tok/s over 2 GPUs
        JsonNode c1 = pointsOf(tp2).get(0);
        String halfTokPerSec = String.format(Locale.ROOT, "%.2f",
                c1.at("/summary/output_token_throughput/avg").asDouble() / 2);
        assertThat(html).contains(">" + halfTokPerSec + "<");
    }

    @Test
    void aComparisonOfTooManyOrUnknownJobsIsRefusedInTheApiErrorShape() {
        Object[] thirteen = IntStream.range(0, 13).mapToObj(i -> "job-" + i).toArray();
        given().queryParam("job", thirteen).get("/api/reports/compare").then().statusCode(400)
                .body("type", equalTo("bad_request")).body("message", containsString("1 to 12"));
        given().get("/api/reports/compare").then().statusCode(400).body("type", equalTo("bad_request"));
        given().queryParam("job", agg, "nope-1", "nope-2").get("/api/reports/compare").then().statusCode(404)
                .body("type", equalTo("not_found")).body("message", containsString("nope-1, nope-2"));
    }

    @Test
    void chromiumRendersThePlotsAndTablesAndTheScreenshotIsARealPage() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(Path.of("target", "chromium"));
        String url = "http://127.0.0.1:" + RestAssured.port + "/api/jobs/" + agg + "/report";

        String dom = chromium.dumpDom(url);
        assertThat(count(dom, "<svg")).isEqualTo(5 + 5);
        assertThat(count(dom, POINT_ROW)).isEqualTo(5);
        assertThat(dom).contains("qwen3-demo", "agg-tp1-dp1", "<table class=\"points\">");
        String deadDom = chromium.dumpDom(url.replace(agg, dead));
        assertThat(deadDom).contains("note=&lt;script&gt;alert('x')&lt;/script&gt;").doesNotContain(HOSTILE_TAG);

        Path screenshot = Path.of("target", "screenshots", "report-page.png");
        chromium.screenshot(url, screenshot, 1280, 2400);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG Chromium wrote").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2400);
        assertNotBlank(image);
        assertThat(Files.size(screenshot)).isGreaterThan(50_000);

        Path comparison = Path.of("target", "screenshots", "compare-page.png");
        chromium.screenshot("http://127.0.0.1:" + RestAssured.port + "/api/reports/compare?job=" + agg + "&job=" + tp2,
                comparison, 1280, 2400);
        assertNotBlank(ImageIO.read(comparison.toFile()));
    }

    private static JsonNode pointsOf(String id) {
        String body = given().get("/api/jobs/{id}/points", id).then().statusCode(200).extract().asString();
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The table row of the point labelled {@code label}. */
    private static String rowOf(String html, String label) {
        Matcher row = Pattern.compile("<tr class=\"point[^\"]*\">\\s*<td class=\"text\">" + Pattern.quote(label)
                + "[ <].*?</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).as("a row for point " + label).isTrue();
        return row.group();
    }

    private static int count(String text, String needle) {
        return count(text, Pattern.compile(Pattern.quote(needle)));
    }

    private static int count(String text, Pattern pattern) {
        return (int) pattern.matcher(text).results().count();
    }

    /**
     * A rendered report, not a blank or one-colour page: the pixels vary (a plain white page gives 0, the report about
     * 22, a heading and one small box 15) and more than 5 % of them are not white (the report about 13 %, a heading
     * and one box under 1 %).
     */
    private static void assertNotBlank(BufferedImage image) {
        int samples = 0;
        int nonWhite = 0;
        double sum = 0;
        double sumOfSquares = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                double luminance = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += luminance;
                sumOfSquares += luminance * luminance;
                nonWhite += (rgb & 0xffffff) == 0xffffff ? 0 : 1;
                samples++;
            }
        }
        double mean = sum / samples;
        assertThat(Math.sqrt(sumOfSquares / samples - mean * mean)).as("luminance std dev").isGreaterThan(10);
        assertThat((double) nonWhite / samples).as("share of pixels that are not white").isGreaterThan(0.05);
    }
}
