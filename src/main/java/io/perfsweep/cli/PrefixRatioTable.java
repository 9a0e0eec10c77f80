package io.perfsweep.cli;

import java.util.Locale;

import io.perfsweep.report.PrefixRatioResults;

/** The console table of a prefix-ratio run: one line per ratio, TTFT and ITL p25/p50/p75 in ms. */
final class PrefixRatioTable {

    private PrefixRatioTable() {
    }

    static String render(PrefixRatioResults results) {
        var table = new StringBuilder(String.format(Locale.ROOT, "%-12s %10s %10s %10s %10s %10s %10s%n",
                "prefix ratio", "TTFT p25", "TTFT p50", "TTFT p75", "ITL p25", "ITL p50", "ITL p75"));
        for (int i = 0; i < results.prefixRatios().size(); i++) {
            table.append(String.format(Locale.ROOT, "%-12s %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f%n",
                    results.prefixRatios().get(i), results.ttftP25Values().get(i), results.ttftP50Values().get(i),
                    results.ttftP75Values().get(i), results.itlP25Values().get(i), results.itlP50Values().get(i),
                    results.itlP75Values().get(i)));
        }
        return table.toString();
    }
}
