package io.perfsweep.server;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text, shaped the way AIPerf
 * reads them: counters keyed without {@code _total}, {@code _created} series dropped, histograms grouped per label
 * set, untyped families as gauges, {@code _info} families as info, summaries and gauge histograms skipped, exemplars
 * ignored.
 *
 * <p>
 * Malformed sample, {@code # HELP}, {@code # TYPE} and {@code # UNIT} lines raise an
 * {@link ExpositionFormatException} naming the line; other comment lines and blank lines are ignored. (No
 * maintained Java parser exists on Maven Central: the Prometheus Java client only writes the formats.)
 */
public final class ExpositionParser {

    /** The two text formats. */
    public enum Format {
        /** {@code text/plain; version=0.0.4}: integer millisecond timestamps, no exemplars, no {@code # EOF}. */
        PROMETHEUS_TEXT,
        /** {@code application/openmetrics-text; version=1.0.0}: float second timestamps, exemplars, {@code # EOF}. */
        OPENMETRICS;

        /** OpenMetrics when the text has its mandatory {@code # EOF} line, else the Prometheus text format. */
        public static Format detect(String text) {
            String end = text.stripTrailing();
            return end.equals("# EOF") || end.endsWith("\n# EOF") ? OPENMETRICS : PROMETHEUS_TEXT;
        }

        /** The format a {@code Content-Type} header names, else what {@link #detect} finds in the text. */
        public static Format of(String contentType, String text) {
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("openmetrics")) {
                return OPENMETRICS;
            }
            return detect(text);
        }
    }

    private static final List<String> SUFFIXES = List.of("_total", "_created", "_bucket", "_sum", "_count", "_info",
            "_gcount", "_gsum");
    private static final Set<String> TEXT_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OPENMETRICS_TYPES = Set.of("counter", "gauge", "histogram", "summary",
            "unknown", "info", "stateset", "gaugehistogram");

    private final boolean openMetrics;
    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final Set<List<Object>> seriesSeen = new HashSet<>();
    private int lineNumber;
    private boolean eof;

    private ExpositionParser(Format format) {
        this.openMetrics = format == Format.OPENMETRICS;
    }

    /** Parses an exposition in the format {@link Format#detect} finds. */
    public static ParsedMetrics parse(String text) {
        return parse(text, Format.detect(text));
    }

    /**
     * Parses an exposition in the given format.
     *
     * @throws ExpositionFormatException at the first malformed line
     */
    public static ParsedMetrics parse(String text, Format format) {
        ExpositionParser parser = new ExpositionParser(format);
        String[] lines = text.split("\n", -1);
        for (String raw : lines) {
            parser.line(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw);
        }
        if (parser.openMetrics && !parser.eof) {
            throw new ExpositionFormatException(lines.length, lines[lines.length - 1], "missing '# EOF'");
        }
        return parser.result();
    }

    private void line(String line) {
        lineNumber++;
        try {
            if (eof) {
                if (!line.isEmpty()) {
                    throw new SampleLine.Malformed("content after '# EOF'");
                }
            } else if (line.isBlank()) {
                return;
            } else if (line.charAt(0) == '#') {
                comment(line);
            } else {
                sample(SampleLine.parse(line, openMetrics));
            }
        } catch (SampleLine.Malformed e) {
            throw new ExpositionFormatException(lineNumber, line, e.getMessage());
        }
    }

    private void comment(String line) {
        String[] parts = line.substring(1).stripLeading().split("[ \t]+", 3);
        String keyword = parts[0];
        if (openMetrics && line.equals("# EOF")) {
            eof = true;
            return;
        }
        boolean known = keyword.equals("HELP") || keyword.equals("TYPE") || (openMetrics && keyword.equals("UNIT"));
        if (!known) {
            return; // a free comment
        }
        if (parts.length < 2 || !isMetricName(parts[1])) {
            throw new SampleLine.Malformed("'# " + keyword + "' without a valid metric name");
        }
        FamilyBuilder family = families.computeIfAbsent(parts[1], name -> new FamilyBuilder(name, lineNumber));
        String rest = parts.length == 3 ? parts[2] : "";
        switch (keyword) {
            case "HELP":
                if (family.help != null) {
                    throw new SampleLine.Malformed("second HELP for '" + parts[1] + "'");
                }
                family.help = unescapeHelp(rest);
                break;
            case "TYPE":
                type(family, rest.strip());
                break;
            default:
                family.unit = rest.strip();
        }
    }

    private void type(FamilyBuilder family, String type) {
        if (family.typed) {
            throw new SampleLine.Malformed("second TYPE for '" + family.declaredName + "'");
        }
        if (!(openMetrics ? OPENMETRICS_TYPES : TEXT_TYPES).contains(type)) {
            throw new SampleLine.Malformed("unknown metric type '" + type + "'");
        }
        family.type = type;
        family.typed = true;
    }

    private String unescapeHelp(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder help = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                help.append(SampleLine.escaped(i + 1 < text.length() ? text.charAt(++i) : '\0', openMetrics));
            } else {
                help.append(c);
            }
        }
        return help.toString();
    }

    private void sample(SampleLine line) {
        if (!seriesSeen.add(List.of(line.name(), line.labels()))) {
            throw new SampleLine.Malformed("duplicate series");
        }
        String name = line.name();
        FamilyBuilder exact = families.get(name);
        if (exact != null && exact.typed) {
            if (exact.type.equals("histogram") || exact.type.equals("gaugehistogram")) {
                throw new SampleLine.Malformed("histogram sample without _bucket, _sum or _count");
            }
            add(exact, "", line);
            return;
        }
        for (String suffix : SUFFIXES) {
            FamilyBuilder base = name.endsWith(suffix) ? families.get(name.substring(0, name.length() - suffix.length()))
                    : null;
            if (base != null && base.typed && base.accepts(suffix)) {
                add(base, suffix, line);
                return;
            }
        }
        FamilyBuilder untyped = exact != null ? exact : new FamilyBuilder(name, lineNumber);
        families.putIfAbsent(name, untyped);
        add(untyped, "", line);
    }

    private static void add(FamilyBuilder family, String suffix, SampleLine line) {
        if (family.skipped() || suffix.equals("_created")) {
            return;
        }
        switch (suffix) {
            case "_bucket":
                family.addBucket(line);
                break;
            case "_sum":
                family.addSum(line);
                break;
            case "_count":
                family.addCount(line);
                break;
            default:
                family.addValue(line);
        }
    }

    private ParsedMetrics result() {
        Map<String, MetricFamily> built = new LinkedHashMap<>();
        Set<String> createdOwners = new HashSet<>();
        for (FamilyBuilder family : families.values()) {
            if (!family.metricType().equals(MetricType.GAUGE) || family.skipped()) {
                createdOwners.add(family.familyName());
            }
        }
        for (FamilyBuilder family : families.values()) {
            String name = family.familyName();
            boolean createdSeries = name.endsWith("_created")
                    && createdOwners.contains(name.substring(0, name.length() - "_created".length()));
            if (family.skipped() || createdSeries) {
                continue;
            }
            if (built.put(name, family.build()) != null) {
                throw new ExpositionFormatException(family.firstLine, family.declaredName,
                        "a second family named '" + name + "'");
            }
        }
        return new ParsedMetrics(built);
    }

    private static boolean isMetricName(String name) {
        return name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }
}
