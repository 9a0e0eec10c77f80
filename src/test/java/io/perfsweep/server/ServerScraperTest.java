package io.perfsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The scraper against real HTTP servers on loopback: one that answers, one that is slow, one that refuses. */
class ServerScraperTest {

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void scrapesABaselineAboutThreeTimesASecondAndAFinalFetch() throws Exception {
        String url = serve(0);
        var scraper = ServerScraper.start(List.of(url));
        assertThat(fetches.get()).as("the baseline is taken before start returns").isEqualTo(1);
        Thread.sleep(100);
        scraper.boundary();
        assertThat(fetches.get()).as("the boundary fetch is taken before boundary returns").isEqualTo(2);
        scraper.measuredStarted();
        Thread.sleep(1_000);
        ServerCapture capture = scraper.stop();

        assertThat(capture.endpointsConfigured()).containsExactly(url);
        assertThat(capture.endpointsAnswering()).containsExactly(url);
        assertThat(capture.failures()).isEmpty();
        // baseline + 2 boundaries + ~3.3 ticks in 1.1 s + final
        assertThat(capture.scrapes()).hasSizeBetween(6, 9);
        assertThat(capture.scrapes())
                .allSatisfy(s -> assertThat(s.metrics().family("vllm:num_requests_running")).isPresent());
        Scrape first = capture.scrapes().get(0);
        Scrape last = capture.scrapes().get(capture.scrapes().size() - 1);
        assertThat(first.timestampNanos()).isLessThan(capture.windowStartNanos());
        assertThat(last.timestampNanos()).isGreaterThanOrEqualTo(capture.windowEndNanos());
        // the gauge read 1, 2, … on successive fetches: the window holds those after the baseline
        var series = capture.window().metrics().get("vllm:num_requests_running").series();
        assertThat(series).hasSize(1);
        assertThat(((GaugeStats) series.get(0).stats()).min()).isGreaterThan(1);
        assertThat(capture.windowEndNanos() - capture.windowStartNanos()).isBetween(1_000_000_000L, 1_500_000_000L);
        assertThat(scraper.stop()).as("stop is idempotent").isSameAs(capture);
        int after = fetches.get();
        Thread.sleep(700);
        assertThat(fetches.get()).as("nothing is fetched after stop").isEqualTo(after);
    }

    @Test
    void anEndpointThatDoesNotAnswerIsReportedAndNeverAskedAgainWhileTheOthersAreScraped() throws Exception {
        String url = serve(0);
        String refused = "http://127.0.0.1:" + closedPort() + "/metrics";
        String missing = url.replace("/metrics", "/nothing-here");
        String garbage = url.replace("/metrics", "/garbage");
        var scraper = ServerScraper.start(List.of(url, refused, missing, garbage));
        scraper.measuredStarted();
        Thread.sleep(700);
        ServerCapture capture = scraper.stop();

        assertThat(capture.endpointsAnswering()).containsExactly(url);
        assertThat(capture.failures()).containsOnlyKeys(refused, missing, garbage);
        assertThat(capture.failures().get(garbage)).startsWith("not the Prometheus text format: line 1");
        assertThat(capture.failures().get(refused)).contains("Connect");
        assertThat(capture.failures().get(missing)).isEqualTo("HTTP 404");
        assertThat(capture.scrapes()).allSatisfy(s -> assertThat(s.endpointUrl()).isEqualTo(url));
    }

    @Test
    void aSlowEndpointSkipsTicksInsteadOfPilingUpFetches() throws Exception {
        String url = serve(900);
        var scraper = ServerScraper.start(List.of(url));
        scraper.measuredStarted();
        Thread.sleep(2_000);
        ServerCapture capture = scraper.stop();

        assertThat(mostInFlight.get()).as("periodic fetches never overlap").isLessThanOrEqualTo(2);
        // baseline (0.9 s) + boundary + at most one periodic fetch per 0.9 s + final
        assertThat(capture.scrapes()).hasSizeBetween(3, 6);
    }

    @Test
    void noEndpointsScrapesNothing() {
        assertThat(ServerScraper.start(List.of()).stop()).isSameAs(ServerCapture.NONE);
    }

    private String serve(long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/metrics", exchange -> {
            fetches.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{engine=\"0\"} "
                    + fetches.get() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            inFlight.decrementAndGet();
        });
        server.createContext("/garbage", exchange -> {
            byte[] body = "<html>this is { not metrics</html>\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
