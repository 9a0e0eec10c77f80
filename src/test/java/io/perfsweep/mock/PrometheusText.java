package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 for the mock's tests: every line is a HELP, a TYPE or a
 * sample {@code name{labels} value}; every sample belongs to the family declared by the TYPE line before it (the name
 * itself, or {@code _total} of a counter, {@code _bucket}/{@code _count}/{@code _sum} of a histogram); every family has
 * HELP and TYPE once; histogram buckets are cumulative, ascending in {@code le}, and end in {@code +Inf} equal to
 * {@code _count}. Anything else throws {@link IllegalArgumentException} naming the line.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final Pattern SAMPLE = Pattern
            .compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: (-?[0-9]+))?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) { // the last element is what follows the final line feed
            int number = i + 1;
            String line = lines[i];
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                if (parts.length < 2 || helps.put(parts[0], parts[1]) != null) {
                    throw bad(number, line, "HELP without text or repeated");
                }
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1]) || families.containsKey(parts[0])) {
                    throw bad(number, line, "TYPE malformed or repeated");
                }
                current = new Family(parts[0], parts[1], helps.get(parts[0]), new ArrayList<>());
                if (current.help() == null) {
                    throw bad(number, line, "TYPE without a HELP line before it");
                }
                families.put(parts[0], current);
            } else if (line.startsWith("#")) {
                continue; // a comment
            } else {
                Sample sample = sample(number, line);
                if (current == null || !belongs(sample.name(), current)) {
                    throw bad(number, line, "sample outside its family");
                }
                current.samples().add(sample);
            }
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
        return new PrometheusText(families);
    }

    private static Sample sample(int number, String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
            throw bad(number, line, "not name{labels} value");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String body = m.group(2) == null ? "" : m.group(2);
        Matcher label = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!label.find(at) || label.start() != at) {
                throw bad(number, line, "malformed labels");
            }
            String value = label.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
            if (labels.put(label.group(1), value) != null) {
                throw bad(number, line, "repeated label");
            }
            at = label.end();
            if (at < body.length() && body.charAt(at++) != ',') {
                throw bad(number, line, "labels not separated by commas");
            }
        }
        return new Sample(m.group(1), labels, value(number, line, m.group(3)));
    }

    private static double value(int number, String line, String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(number, line, "value is not a float");
                }
        }
    }

    private static boolean belongs(String sample, Family family) {
        String name = family.name();
        switch (family.type()) {
            case "counter":
                // 0.0.4 allows the family's own name; prometheus_client types the family without _total
                return sample.equals(name) || sample.equals(name + "_total") || sample.equals(name + "_created");
            case "histogram":
                return sample.equals(name + "_bucket") || sample.equals(name + "_count") || sample.equals(name + "_sum");
            default:
                return sample.equals(name);
        }
    }

    /** Per series (labels without {@code le}): ascending edges, cumulative counts, last {@code +Inf} = {@code _count}. */
    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            Map<String, String> series = new LinkedHashMap<>(s.labels());
            series.remove("le");
            if (s.name().endsWith("_bucket")) {
                if (!s.labels().containsKey("le")) {
                    throw new IllegalArgumentException(family.name() + ": bucket without le");
                }
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(series, s.value());
            }
        }
        if (buckets.isEmpty() || !buckets.keySet().equals(counts.keySet())) {
            throw new IllegalArgumentException(family.name() + ": buckets and _count name different series");
        }
        buckets.forEach((series, list) -> {
            double previousEdge = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : list) {
                double edge = value(0, bucket.toString(), bucket.labels().get("le"));
                if (edge <= previousEdge || bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family.name() + ": buckets not ascending or not cumulative");
                }
                previousEdge = edge;
                previousCount = bucket.value();
            }
            if (previousEdge != Double.POSITIVE_INFINITY || previousCount != counts.get(series)) {
                throw new IllegalArgumentException(family.name() + ": last bucket is not +Inf equal to _count");
            }
        });
    }

    private static IllegalArgumentException bad(int number, String line, String why) {
        return new IllegalArgumentException("line " + number + " (" + why + "): " + line);
    }

    Map<String, Family> families() {
        return families;
    }

    Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** The value of the only sample named {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matches = families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.size() + " samples named " + name + " with " + labels);
        }
        return matches.get(0).value();
    }

    double value(String name) {
        return value(name, Map.of());
    }
}
