package io.perfsweep.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Collects one family's metadata and samples while an exposition is parsed. */
final class FamilyBuilder {

    /** Declared types whose samples perfsweep does not keep (AIPerf skips summaries too). */
    static final Set<String> SKIPPED_TYPES = Set.of("summary", "gaugehistogram");

    final String declaredName;
    final int firstLine;
    String type = "untyped";
    boolean typed;
    String help;
    String unit;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<SortedMap<String, String>, Histogram> histograms = new LinkedHashMap<>();

    FamilyBuilder(String declaredName, int firstLine) {
        this.declaredName = declaredName;
        this.firstLine = firstLine;
    }

    /** The suffixes a sample of this family may carry beyond the declared name. */
    boolean accepts(String suffix) {
        switch (type) {
            case "counter":
                return suffix.equals("_total") || suffix.equals("_created");
            case "histogram":
                return suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count")
                        || suffix.equals("_created");
            case "summary":
                return suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
            case "gaugehistogram":
                return suffix.equals("_bucket") || suffix.equals("_gsum") || suffix.equals("_gcount");
            case "info":
                return suffix.equals("_info");
            default:
                return false;
        }
    }

    boolean skipped() {
        return SKIPPED_TYPES.contains(type);
    }

    MetricType metricType() {
        switch (type) {
            case "counter":
                return MetricType.COUNTER;
            case "histogram":
                return MetricType.HISTOGRAM;
            case "info":
                return MetricType.INFO;
            default:
                return declaredName.endsWith("_info") ? MetricType.INFO : MetricType.GAUGE;
        }
    }

    /** The name AIPerf keys the family by: counters lose {@code _total}, OpenMetrics info gains {@code _info}. */
    String familyName() {
        if (type.equals("counter") && declaredName.endsWith("_total")) {
            return declaredName.substring(0, declaredName.length() - "_total".length());
        }
        if (type.equals("info") && !declaredName.endsWith("_info")) {
            return declaredName + "_info";
        }
        return declaredName;
    }

    void addValue(SampleLine line) {
        samples.add(new Sample(line.labels(), line.value(), line.timestampMillis()));
    }

    void addBucket(SampleLine line) {
        SortedMap<String, String> labels = new TreeMap<>(line.labels());
        String le = labels.remove("le");
        if (le == null) {
            throw new SampleLine.Malformed("histogram bucket without an 'le' label");
        }
        double bound = SampleLine.value(le.strip());
        if (histogram(labels).buckets.put(bound, line.value()) != null) {
            throw new SampleLine.Malformed("duplicate bucket le=\"" + le + "\"");
        }
    }

    void addSum(SampleLine line) {
        histogram(line.labels()).sum = line.value();
    }

    void addCount(SampleLine line) {
        histogram(line.labels()).count = line.value();
    }

    private Histogram histogram(SortedMap<String, String> labels) {
        return histograms.computeIfAbsent(labels, l -> new Histogram());
    }

    MetricFamily build() {
        List<HistogramSample> built = new ArrayList<>();
        histograms.forEach((labels, h) -> built.add(h.build(labels)));
        return new MetricFamily(familyName(), metricType(), help, unit, samples, built);
    }

    private static final class Histogram {
        final NavigableMap<Double, Double> buckets = new TreeMap<>();
        double sum = Double.NaN;
        double count = Double.NaN;

        HistogramSample build(SortedMap<String, String> labels) {
            double total = count;
            if (Double.isNaN(total) && buckets.containsKey(Double.POSITIVE_INFINITY)) {
                total = buckets.get(Double.POSITIVE_INFINITY);
            }
            return new HistogramSample(labels, buckets, sum, total);
        }
    }
}
