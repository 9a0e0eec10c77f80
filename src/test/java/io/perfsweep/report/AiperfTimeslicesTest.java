package io.perfsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;

class AiperfTimeslicesTest {

    private static final long MS = 1_000_000L;
    /** 2023-11-14T22:13:20Z, a whole number of 2-second slices since the epoch. */
    private static final Instant WALL = Instant.ofEpochSecond(1_700_000_000L);
    private static final long WALL_NANOS = 1_700_000_000L * 1_000_000_000L;

    /** A valid request sent {@code sentMs} after {@link #WALL}, first token 10 ms later, ending at {@code endMs}. */
    private static RequestRecord request(long sentMs, long endMs) {
        long sent = sentMs * MS;
        long end = endMs * MS;
        return new RequestRecord(sent, sent, end, WALL_NANOS + sent, new long[] { sent + 10 * MS, end }, 0, 100, 2,
                null, 2, null, null);
    }

    private final List<RequestRecord> records = List.of(request(300, 1_900), request(1_900, 5_000),
            request(2_000, 2_500), request(6_500, 7_000));
    private final ExportContext ctx = new ExportContext("c4", WALL, WALL.plusMillis(7_100), false,
            Map.of("concurrency", 4), Map.of(), List.of());

    @TempDir
    Path dir;

    @Test
    void writesAiperfsTimesliceFilesWithEachRequestInTheSliceItWasSentIn() throws IOException {
        AiperfExport.writeTimeslices(dir, records, WALL.plusMillis(300), WALL.plusMillis(7_100), 2.0, Slo.NONE, ctx);

        JsonNode json = new ObjectMapper().readTree(dir.resolve(AiperfTimeslices.JSON_FILE).toFile());
        JsonNode slices = json.get("timeslices");
        assertThat(slices).hasSize(4);
        assertThat(slices.get(0).get("timeslice_index").asInt()).isZero();
        // slice 0 [0.3 s, 2 s): the requests sent at 0.3 s and 1.9 s, the second with its whole 3.1 s latency
        assertThat(slices.get(0).at("/request_count/avg").asDouble()).isEqualTo(2.0);
        assertThat(slices.get(0).at("/request_latency/avg").asDouble()).isEqualTo((1_600 + 3_100) / 2.0);
        assertThat(slices.get(0).at("/request_latency/unit").asText()).isEqualTo("ms");
        assertThat(slices.get(0).at("/time_to_first_token/p99").asDouble()).isEqualTo(10.0);
        // the request sent exactly at 2 s is in slice 1, alone
        assertThat(slices.get(1).at("/request_count/avg").asDouble()).isEqualTo(1.0);
        assertThat(slices.get(1).at("/request_latency/max").asDouble()).isEqualTo(500.0);
        // slice 2 [4 s, 6 s): no request was sent in it, so it has its index and no latency
        assertThat(slices.get(2).get("timeslice_index").asInt()).isEqualTo(2);
        assertThat(slices.get(2).has("request_latency")).isFalse();
        assertThat(json.at("/input_config/concurrency").asInt()).isEqualTo(4);

        JsonNode bounds = json.at("/slice_bounds/timeslices");
        assertThat(json.at("/slice_bounds/slice_duration").asDouble()).isEqualTo(2.0);
        assertThat(bounds.get(0).get("start_ns").asLong()).isEqualTo(WALL_NANOS + 300 * MS);
        assertThat(bounds.get(0).get("end_ns").asLong()).isEqualTo(WALL_NANOS + 2_000 * MS);
        assertThat(bounds.get(0).get("is_complete").asBoolean(true)).isFalse();
        assertThat(bounds.get(1).has("is_complete")).isFalse();
        assertThat(bounds.get(3).get("end_ns").asLong()).isEqualTo(WALL_NANOS + 7_100 * MS);
        assertThat(bounds).extracting(b -> b.get("request_count").asInt()).containsExactly(2, 1, 0, 1);
        assertThat(bounds.get(1).get("client_in_flight").asDouble()).isEqualTo(1.25);

        List<String> csv = Files.readAllLines(dir.resolve(AiperfTimeslices.CSV_FILE), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("Timeslice,Metric,Unit,Stat,Value");
        assertThat(csv).contains("0,Request Latency,ms,avg,2350.00", "0,Request Latency,ms,max,3100.00",
                "1,Request Latency,ms,avg,500.00", "3,Request Count,requests,avg,1.00")
                .noneMatch(line -> line.startsWith("2,Request Latency"));
        assertThat(Files.readString(dir.resolve(AiperfTimeslices.CSV_FILE))).contains("\r\n");
    }

    @Test
    void aPointWithoutRequestsWritesNoTimesliceFiles() {
        AiperfExport.writeTimeslices(dir, List.of(), WALL, WALL.plusSeconds(4), 2.0, Slo.NONE, ctx);

        assertThat(dir.resolve(AiperfTimeslices.JSON_FILE)).doesNotExist();
    }
}
