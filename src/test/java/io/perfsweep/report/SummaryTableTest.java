package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.perfsweep.metrics.ErrorCount;
import io.perfsweep.metrics.MetricTag;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.metrics.RequestError;

/** The console table's lines under the rows: what a user reads to learn why a point failed. */
class SummaryTableTest {

    @Test
    void everyPointWithFailuresGetsALinePerKindWithTheCountAndAMessage() {
        PointSummary refused = failed(new ErrorCount(new RequestError(0, "CONNECT",
                "AnnotatedConnectException: Connection refused: /127.0.0.1:9"), 3));
        PointSummary mixed = failed(
                new ErrorCount(new RequestError(500, "HTTP_STATUS", "HTTP 500: {\"error\": \"boom\"}"), 2),
                new ErrorCount(new RequestError(0, "TIMEOUT", "no bytes for 300 ms"), 1),
                new ErrorCount(new RequestError(503, "HTTP_STATUS", "HTTP 503: overloaded\nretry later"), 4));
        PointSummary clean = failed();

        String table = SummaryTable.render(Map.of("c1", refused, "c2", mixed, "c4", clean));

        assertThat(table).contains("c1 failed: CONNECT ×3: AnnotatedConnectException: Connection refused: /127.0.0.1:9")
                .contains("c2 failed: HTTP_STATUS ×6: HTTP 503: overloaded retry later (and 1 other messages)")
                .contains("c2 failed: TIMEOUT ×1: no bytes for 300 ms").doesNotContain("c4 failed");
    }

    @Test
    void aLongMessageIsCutToAnExcerpt() {
        String message = "HTTP 500: " + "x".repeat(190);

        List<String> lines = SummaryTable.failureLines("c1",
                failed(new ErrorCount(new RequestError(500, "HTTP_STATUS", message), 1)));

        assertThat(lines).singleElement().asString().endsWith("…").hasSizeLessThan(160);
    }

    private static PointSummary failed(ErrorCount... errors) {
        long count = List.of(errors).stream().mapToLong(ErrorCount::count).sum();
        return new PointSummary(Map.of(), Map.of(MetricTag.ERROR_REQUEST_COUNT, (double) count), List.of(errors),
                OptionalLong.empty(), OptionalLong.empty());
    }
}
