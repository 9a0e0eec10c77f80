package io.perfsweep.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Usage;

/** Deterministic request records for store tests: valid streams with a few failures mixed in. */
final class SyntheticRecords {

    private SyntheticRecords() {
    }

    /**
     * {@code count} records from a seeded RNG: TTFT 20–80 ms, {@code responses} chunks 5–15 ms apart, every 50th
     * request a timeout (with a message that needs COPY escaping), usage on the even ones.
     */
    static List<RequestRecord> generate(int count, int responses, long seed) {
        Random random = new Random(seed);
        List<RequestRecord> records = new ArrayList<>(count);
        long clock = 1_000_000_000L;
        for (int i = 0; i < count; i++) {
            long sent = clock + random.nextInt(1_000_000);
            clock += 2_000_000;
            if (i % 50 == 49) {
                records.add(new RequestRecord(sent, sent, sent + 30_000_000_000L, 1_700_000_000_000_000_000L + sent,
                        new long[0], -1, 2000, null, null, 256, null,
                        new RequestError(0, "TIMEOUT", "no response\tafter 30 s\nline two \\ end")));
                continue;
            }
            long[] arrivals = new long[responses];
            long t = sent + 20_000_000L + random.nextInt(60_000_000);
            for (int r = 0; r < responses; r++) {
                arrivals[r] = t;
                t += 5_000_000L + random.nextInt(10_000_000);
            }
            Usage usage = i % 2 == 0 ? new Usage(2000, responses, 2000 + responses, null, 128) : null;
            records.add(new RequestRecord(sent - random.nextInt(500_000), sent, t + 100_000, 1_700_000_000_000_000_000L
                    + sent, arrivals, 0, 2000 + (i % 7), responses, null, 256, usage, null, random.nextInt(2_000_000)));
        }
        return records;
    }
}
