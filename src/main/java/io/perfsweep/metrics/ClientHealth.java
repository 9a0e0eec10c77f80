package io.perfsweep.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the client itself distorted a point's timings, with the figures that say so. A benchmark client stamps each
 * event when its event loop reads it: a loop that is late (busy, starved of CPU, paused by GC) stamps late, which
 * inflates TTFT and, when several events then arrive in one read, shrinks ITL. No peer tool reports this; perfsweep
 * measures it during every measured window and judges each point {@code ok} or {@code distorted}.
 * <p>
 * The limits follow the accuracy perfsweep promises (mean TTFT within 5 ms and ITL within 2 % of the server's truth):
 * <ul>
 * <li>event-loop stall p99 above {@value #STALL_P99_LIMIT_MS} ms: at least 1 % of the window, every event arriving on
 * a loop waited that long to be stamped (a jHiccup-style timer, corrected for coordinated omission, so the
 * percentiles are of time, not of timer firings);</li>
 * <li>mean stall above {@value #STALL_MEAN_LIMIT_MS} ms: the mean delay an event arriving at a random moment saw;</li>
 * <li>a GC pause above {@value #GC_MAX_PAUSE_LIMIT_MS} ms, or GC pauses above {@value #GC_PAUSE_SHARE_LIMIT_PERCENT} %
 * of the window;</li>
 * <li>more than {@value #BATCHED_GAP_LIMIT_PERCENT} % of token gaps read as zero (two events stamped in one read)
 * while the loops were stalling (p99 above {@value #BATCHED_STALL_P99_MS} ms): batching the client caused, not the
 * server's own write pattern.</li>
 * </ul>
 *
 * @param verdict {@code ok} or {@code distorted}
 * @param reasons why it is distorted, one sentence each with the figure and the limit; empty when ok
 * @param eventLoopStall lateness of the event loops' timers (ms)
 * @param gcPause GC pauses during the window (ms)
 * @param cpuCores process CPU time over the window's wall time (cores in use)
 * @param availableCores processors the JVM may use
 * @param batchedGapPercent share of token gaps (consecutive content events of one request) stamped by the same read
 * @param windowSeconds wall time the figures cover
 */
public record ClientHealth(Verdict verdict, List<String> reasons, Stall eventLoopStall, GcPause gcPause,
        double cpuCores, int availableCores, double batchedGapPercent, double windowSeconds) {

    public static final double STALL_P99_LIMIT_MS = 5;
    public static final double STALL_MEAN_LIMIT_MS = 1;
    public static final double GC_MAX_PAUSE_LIMIT_MS = 20;
    public static final double GC_PAUSE_SHARE_LIMIT_PERCENT = 1;
    public static final double BATCHED_GAP_LIMIT_PERCENT = 2;
    public static final double BATCHED_STALL_P99_MS = 1;

    public ClientHealth {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(eventLoopStall, "eventLoopStall");
        Objects.requireNonNull(gcPause, "gcPause");
    }

    /** The verdict's two values, written in lower case. */
    public enum Verdict {
        OK,
        DISTORTED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Verdict of(String json) {
            return valueOf(json.toUpperCase(Locale.ROOT));
        }
    }

    /** Event-loop lateness percentiles (ms), over time. */
    public record Stall(double p50, double p99, double max, double mean) {
    }

    /** GC pauses (ms): their sum and the longest. */
    public record GcPause(double total, double max, int count) {
    }

    /** The raw figures of one measured window, as the sampler took them. */
    public record Sample(Stall eventLoopStall, GcPause gcPause, double cpuCores, int availableCores,
            double batchedGapPercent, double windowSeconds) {
    }

    /** Judges a window's figures against the limits above. */
    public static ClientHealth judge(Sample sample) {
        List<String> reasons = new ArrayList<>();
        Stall stall = sample.eventLoopStall();
        if (stall.p99() > STALL_P99_LIMIT_MS) {
            reasons.add(String.format(Locale.ROOT, "event loops stalled: p99 %.1f ms > %.0f ms", stall.p99(),
                    STALL_P99_LIMIT_MS));
        }
        if (stall.mean() > STALL_MEAN_LIMIT_MS) {
            reasons.add(String.format(Locale.ROOT, "event loops stalled: mean %.2f ms > %.0f ms", stall.mean(),
                    STALL_MEAN_LIMIT_MS));
        }
        GcPause gc = sample.gcPause();
        if (gc.max() > GC_MAX_PAUSE_LIMIT_MS) {
            reasons.add(String.format(Locale.ROOT, "GC paused the client for %.0f ms > %.0f ms", gc.max(),
                    GC_MAX_PAUSE_LIMIT_MS));
        }
        double gcShare = sample.windowSeconds() > 0 ? gc.total() / (sample.windowSeconds() * 10) : 0;
        if (gcShare > GC_PAUSE_SHARE_LIMIT_PERCENT) {
            reasons.add(String.format(Locale.ROOT, "GC pauses took %.1f %% of the window > %.0f %%", gcShare,
                    GC_PAUSE_SHARE_LIMIT_PERCENT));
        }
        if (sample.batchedGapPercent() > BATCHED_GAP_LIMIT_PERCENT && stall.p99() > BATCHED_STALL_P99_MS) {
            reasons.add(String.format(Locale.ROOT,
                    "%.1f %% of token gaps read as 0 ms (events batched in one read) > %.0f %%, with loops stalling",
                    sample.batchedGapPercent(), BATCHED_GAP_LIMIT_PERCENT));
        }
        return new ClientHealth(reasons.isEmpty() ? Verdict.OK : Verdict.DISTORTED, reasons, stall, gc,
                sample.cpuCores(), sample.availableCores(), sample.batchedGapPercent(), sample.windowSeconds());
    }

    /**
     * The object written as {@code client_health} (AIPerf export, stored summary, events): {@code verdict},
     * {@code reasons}, {@code event_loop_stall_ms} {p50, p99, max, mean}, {@code gc_pause_ms} {total, max, count},
     * {@code cpu_cores}, {@code available_cores}, {@code batched_gap_percent}, {@code window_sec}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> stall = new LinkedHashMap<>();
        stall.put("p50", round(eventLoopStall.p50()));
        stall.put("p99", round(eventLoopStall.p99()));
        stall.put("max", round(eventLoopStall.max()));
        stall.put("mean", round(eventLoopStall.mean()));
        Map<String, Object> gc = new LinkedHashMap<>();
        gc.put("total", round(gcPause.total()));
        gc.put("max", round(gcPause.max()));
        gc.put("count", gcPause.count());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict.json());
        json.put("reasons", reasons);
        json.put("event_loop_stall_ms", stall);
        json.put("gc_pause_ms", gc);
        json.put("cpu_cores", round(cpuCores));
        json.put("available_cores", availableCores);
        json.put("batched_gap_percent", round(batchedGapPercent));
        json.put("window_sec", round(windowSeconds));
        return json;
    }

    /** Reads {@link #toJson}'s object back (numbers of any type). */
    public static ClientHealth fromJson(Map<?, ?> json) {
        Map<?, ?> stall = (Map<?, ?>) json.get("event_loop_stall_ms");
        Map<?, ?> gc = (Map<?, ?>) json.get("gc_pause_ms");
        List<String> reasons = new ArrayList<>();
        ((List<?>) json.get("reasons")).forEach(reason -> reasons.add(String.valueOf(reason)));
        return new ClientHealth(Verdict.of((String) json.get("verdict")), reasons,
                new Stall(number(stall, "p50"), number(stall, "p99"), number(stall, "max"), number(stall, "mean")),
                new GcPause(number(gc, "total"), number(gc, "max"), (int) number(gc, "count")),
                number(json, "cpu_cores"), (int) number(json, "available_cores"), number(json, "batched_gap_percent"),
                number(json, "window_sec"));
    }

    private static double number(Map<?, ?> json, String key) {
        return json.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    /** Three decimals: microseconds for the millisecond figures. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The reasons as one line, {@code "; "} between them; empty when ok. */
    public String reasonsText() {
        return String.join("; ", reasons);
    }

    public boolean distorted() {
        return verdict == Verdict.DISTORTED;
    }

    /**
     * Share (percent) of the token gaps of valid requests whose two events carry the same arrival stamp, i.e. were
     * read together; 0 when no request had two content events.
     */
    public static double batchedGapPercent(List<RequestRecord> records) {
        long gaps = 0;
        long zero = 0;
        for (RequestRecord record : records) {
            if (!record.valid()) {
                continue;
            }
            long[] arrivals = record.responseNanos();
            for (int i = Math.max(1, record.firstOutputIndex() + 1); i < arrivals.length; i++) {
                gaps++;
                if (arrivals[i] == arrivals[i - 1]) {
                    zero++;
                }
            }
        }
        return gaps == 0 ? 0 : 100.0 * zero / gaps;
    }
}
