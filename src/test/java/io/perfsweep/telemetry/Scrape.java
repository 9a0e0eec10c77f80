package io.perfsweep.telemetry;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the app's {@code /q/metrics} in the classic text format (what Prometheus and promtool 2.42 read). */
record Scrape(String text, List<Sample> samples) {

    static final String CLASSIC_TEXT = "text/plain; version=0.0.4";

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape now() {
        String text = given().accept(CLASSIC_TEXT).get("/q/metrics").then().statusCode(200).extract().asString();
        return new Scrape(text, text.lines().filter(line -> !line.startsWith("#")).map(Scrape::parse)
                .filter(sample -> sample != null).toList());
    }

    /** The samples of {@code name} whose labels include {@code labels}. */
    List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there are none. */
    double sum(String name, Map<String, String> labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static Sample parse(String line) {
        Matcher matcher = LINE.matcher(line.trim());
        if (!matcher.matches()) {
            return null;
        }
        var labels = new LinkedHashMap<String, String>();
        if (matcher.group(3) != null) {
            Matcher label = LABEL.matcher(matcher.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4)));
    }
}
