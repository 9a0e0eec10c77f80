package io.perfsweep.server;

import java.util.List;
import java.util.Optional;

/**
 * What one scrape says right now, for live gauges: requests running and waiting (summed over the endpoint's series,
 * e.g. data-parallel engines) and KV-cache usage 0–1 (the highest series), each null when the server does not expose
 * it. The names are {@link ServerFacts}'s, first present wins.
 */
public record ServerGauges(Double running, Double waiting, Double kvCacheUsage) {

    /** The gauges of {@code scrape}. */
    public static ServerGauges of(Scrape scrape) {
        return new ServerGauges(sum(scrape, ServerFacts.RUNNING), sum(scrape, ServerFacts.WAITING),
                max(scrape, ServerFacts.KV_USAGE));
    }

    private static Double sum(Scrape scrape, List<String> names) {
        return first(scrape, names).map(family -> family.samples().stream().mapToDouble(Sample::value).sum())
                .orElse(null);
    }

    private static Double max(Scrape scrape, List<String> names) {
        return first(scrape, names).flatMap(family -> family.samples().stream().map(Sample::value)
                .max(Double::compare)).orElse(null);
    }

    private static Optional<MetricFamily> first(Scrape scrape, List<String> names) {
        for (String name : names) {
            Optional<MetricFamily> family = scrape.metrics().family(name);
            if (family.isPresent() && !family.get().samples().isEmpty()) {
                return family;
            }
        }
        return Optional.empty();
    }
}
