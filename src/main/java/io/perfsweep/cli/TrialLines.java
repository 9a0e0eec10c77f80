package io.perfsweep.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.perfsweep.metrics.PointTrials;
import io.perfsweep.metrics.TrialConfidence;

/** The lines {@code run} prints under its table for a point of several trials: the key statistics over trials. */
final class TrialLines {

    /** The statistics printed, as AIPerf's aggregate keys them, with their short names. */
    private static final List<String[]> SHOWN = List.of(new String[] { "time_to_first_token_p50", "TTFT p50" },
            new String[] { "time_to_first_token_p99", "TTFT p99" },
            new String[] { "inter_token_latency_p50", "ITL p50" },
            new String[] { "request_latency_p99", "latency p99" },
            new String[] { "output_token_throughput_avg", "output tok/s" });

    private TrialLines() {
    }

    static void print(PrintWriter out, String label, PointTrials trials) {
        Map<String, PointTrials.Aggregated> aggregate = trials.aggregate(TrialConfidence.DEFAULT_LEVEL);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-8s %d trials", label, trials.count()));
        for (String[] shown : SHOWN) {
            PointTrials.Aggregated a = aggregate.get(shown[0]);
            if (a != null) {
                TrialConfidence c = a.confidence();
                line.append(String.format(Locale.ROOT, "  %s %.2f [%.2f, %.2f] %s CV %.1f %%", shown[1], c.mean(),
                        c.ciLow(), c.ciHigh(), a.tag().unit().symbol(), c.cv() * 100));
            }
        }
        out.println(line);
    }
}
