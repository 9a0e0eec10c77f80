package io.perfsweep.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.report.AiperfExport;
import io.perfsweep.report.ExportContext;

/**
 * Writes point folders as {@code run} does ({@link AiperfExport#write}) from seeded requests: log-normal TTFT and ITL
 * around the given medians, one token per SSE event.
 */
public final class ResultFolders {

    private static final long MS = 1_000_000;
    private static final long WALL = 1_760_000_000_000_000_000L;

    private ResultFolders() {
    }

    /**
     * One point folder: {@code valid} requests (TTFT σ 0.1, ITL σ 0.05 of the log) sent 10 ms apart, then
     * {@code failed} timed-out ones; output length {@code osl}; goodput against a TTFT SLO when {@code ttftSloMs} is
     * set.
     */
    public static void writePoint(Path dir, long seed, int valid, int failed, double ttftMs, double itlMs, int osl,
            Double ttftSloMs) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            long start = i * 10 * MS;
            long ttft = Math.round(ttftMs * Math.exp(0.1 * rng.nextGaussian()) * MS);
            long itl = Math.round(itlMs * Math.exp(0.05 * rng.nextGaussian()) * MS);
            long[] responses = new long[osl];
            for (int t = 0; t < osl; t++) {
                responses[t] = start + ttft + t * itl;
            }
            records.add(new RequestRecord(start, start, responses[osl - 1], WALL + start, responses, 0, 100, osl,
                    null, osl, null, null));
        }
        for (int i = 0; i < failed; i++) {
            long start = (valid + i) * 10 * MS;
            records.add(new RequestRecord(start, start, start + 5 * MS, WALL + start, new long[0], -1, 100, null,
                    null, osl, null, new RequestError(500, "TIMEOUT", "no response within 5 ms")));
        }
        var summary = PointSummarizer.summarize(records, new Slo(ttftSloMs, null, null, null));
        AiperfExport.write(dir, summary, records, ExportContext.of(dir.getFileName().toString()));
    }
}
