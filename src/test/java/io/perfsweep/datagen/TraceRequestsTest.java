package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsweep.workload.TraceRequest;

/** A read trace turned into requests: session fields carried over, bad delays reported. */
class TraceRequestsTest {

    @Test
    void requestsKeepTheSessionAndItsDelayWhichIsZeroWhenAbsent() throws IOException {
        List<TraceRequest> requests = TraceRequests.of(read("""
                {"timestamp": 0, "input_length": 3, "output_length": 1, "hash_ids": [0], "session_id": "s"}
                {"input_tokens": 3, "output_tokens": 2, "hash_ids": [1], "session_id": "s", "delay_ms": 250}
                {"timestamp": 9, "input_length": 3, "output_length": 1, "hash_ids": [2]}
                """));

        assertThat(requests).extracting(TraceRequest::sessionId).containsExactly("s", "s", null);
        assertThat(requests).extracting(TraceRequest::delayMillis).containsExactly(0L, 250L, 0L);
        assertThat(requests).extracting(TraceRequest::timestampMillis).containsExactly(0L, null, 9L);
    }

    @Test
    void aNegativeDelayIsReportedNotFixed() throws IOException {
        TraceFile trace = read("""
                {"timestamp": 0, "input_length": 3, "output_length": 1, "hash_ids": [0], "session_id": "s"}
                {"input_length": 3, "output_length": 1, "hash_ids": [1], "session_id": "s", "delay": -5}
                """);

        assertThatThrownBy(() -> TraceRequests.of(trace)).hasMessageContaining("row 2: delay -5 must not be negative");
    }

    private static TraceFile read(String jsonl) throws IOException {
        return TraceReader.read(new BufferedReader(new StringReader(jsonl)), 4);
    }
}
