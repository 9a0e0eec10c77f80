package io.perfsweep.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.client.TraceParent;
import io.perfsweep.load.PointResult;
import io.perfsweep.metrics.InterTokenLatency;
import io.perfsweep.metrics.MetricStats;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.TimeToFirstToken;

/**
 * What a perfsweep mock engine says it did ({@code GET /mock/requests}), to set the client's measurements against.
 * The mock stamps with {@link System#nanoTime()} too, which on Linux is {@code CLOCK_MONOTONIC} for every process
 * of the host, so the two sides compare directly even when the mock runs in another JVM.
 */
final class MockTruth {

    /** By the trace id of each request's {@code traceparent}; by request id for one sent without it. */
    private final Map<String, Truth> byRequestId;

    private MockTruth(Map<String, Truth> byRequestId) {
        this.byRequestId = byRequestId;
    }

    /** Fetches the ground truth, or an empty one when the endpoint is not a perfsweep mock. */
    static MockTruth fetch(String baseUrl) throws InterruptedException {
        String url = (baseUrl.contains("://") ? baseUrl : "http://" + baseUrl).replaceAll("/+$", "") + "/mock/requests";
        try {
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                return new MockTruth(Map.of());
            }
            var truths = new HashMap<String, Truth>();
            for (JsonNode node : new ObjectMapper().readTree(response.body())) {
                JsonNode tokens = node.path("tokenWrittenNanos");
                if (tokens.size() > 0) {
                    // keyed by trace id, as a join on a real server's traces would be (its request id otherwise)
                    String traceId = node.path("traceId").asText(null);
                    truths.put(traceId != null ? traceId : node.path("requestId").asText(),
                            new Truth(node.path("receivedNanos").asLong(),
                                    tokens.get(0).asLong(), tokens.get(tokens.size() - 1).asLong(), tokens.size()));
                }
            }
            return new MockTruth(truths);
        } catch (IOException | IllegalArgumentException e) {
            return new MockTruth(Map.of());
        }
    }

    /** The truth of the request with {@code requestId}: by its {@code traceparent}'s trace id, else by the id. */
    private Truth find(String requestId) {
        Truth truth = byRequestId.get(TraceParent.traceId(requestId));
        return truth != null ? truth : byRequestId.get(requestId);
    }

    /** How many of the point's requests the mock's records join, of all of them. */
    String joined(PointResult result) {
        long joined = result.requestIds().stream().filter(id -> find(id) != null).count();
        return joined + "/" + result.requestIds().size();
    }

    /** Client minus truth, over the requests of one point that the mock knows. */
    Error compare(PointResult result) {
        double[] ttftErrorsMillis = new double[result.records().size()];
        double itlErrorPercentSum = 0;
        double sendLagMillisSum = 0;
        int matched = 0;
        int itlMatched = 0;
        for (int i = 0; i < result.records().size(); i++) {
            Truth truth = find(result.requestIds().get(i));
            RequestRecord record = result.records().get(i);
            if (truth == null || !record.valid()) {
                continue;
            }
            ttftErrorsMillis[matched++] = (TimeToFirstToken.nanos(record).orElse(0) - truth.ttftNanos()) / 1e6;
            sendLagMillisSum += (truth.receivedNanos - record.sentNanos()) / 1e6;
            var itl = InterTokenLatency.nanos(record);
            if (itl.isPresent() && truth.tokens > 1) {
                double truthItlNanos = truth.itlNanos();
                itlErrorPercentSum += (itl.getAsDouble() - truthItlNanos) / truthItlNanos * 100;
                itlMatched++;
            }
        }
        var stats = MetricStats.of(Arrays.copyOf(ttftErrorsMillis, matched));
        return new Error(stats.map(s -> format(s.avg())).orElse("-"), stats.map(s -> format(s.p99())).orElse("-"),
                itlMatched == 0 ? "-" : format(itlErrorPercentSum / itlMatched),
                matched == 0 ? "-" : format(sendLagMillisSum / matched));
    }

    /**
     * One CSV row per request of the point that the mock knows, in send order: client TTFT and ITL beside the mock's,
     * the send-to-receipt gap and the client's connection overhead (ms), to see where an error comes from.
     */
    void appendCsv(PointResult result, StringBuilder csv) {
        for (int i = 0; i < result.records().size(); i++) {
            Truth truth = find(result.requestIds().get(i));
            RequestRecord record = result.records().get(i);
            if (truth == null || !record.valid()) {
                continue;
            }
            var itl = InterTokenLatency.nanos(record);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%.4f,%.4f,%.3f,%.3f%n",
                    result.point().concurrency(), i, TimeToFirstToken.nanos(record).orElse(0) / 1e6,
                    truth.ttftNanos() / 1e6, itl.isPresent() ? itl.getAsDouble() / 1e6 : Double.NaN,
                    truth.itlNanos() / 1e6,
                    (truth.receivedNanos - record.sentNanos()) / 1e6, record.connectionOverheadNanos() / 1e6));
        }
    }

    /** The header of {@link #appendCsv}. */
    static final String CSV_HEADER = "concurrency,index,client_ttft_ms,truth_ttft_ms,client_itl_ms,truth_itl_ms,"
            + "receipt_minus_send_ms,connection_overhead_ms\n";

    private static String format(double value) {
        return String.format(Locale.ROOT, "%+.2f", value);
    }

    private record Truth(long receivedNanos, long firstTokenNanos, long lastTokenNanos, int tokens) {

        /** The mock's TTFT: request received to first token written. */
        long ttftNanos() {
            return firstTokenNanos - receivedNanos;
        }

        /** The mock's mean ITL as AIPerf defines it, or NaN with fewer than two tokens. */
        double itlNanos() {
            return tokens > 1 ? (double) (lastTokenNanos - firstTokenNanos) / (tokens - 1) : Double.NaN;
        }
    }

    /**
     * Formatted errors: mean and p99 of TTFT error in ms, mean relative ITL error in percent, and the part of the TTFT
     * error spent between the client's send stamp and the mock's receipt stamp (mean, ms; the rest is between the
     * mock's write stamp and the client's arrival stamp); "-" when unknown.
     */
    record Error(String ttftMeanMillis, String ttftP99Millis, String itlMeanPercent, String sendLagMillis) {
    }
}
