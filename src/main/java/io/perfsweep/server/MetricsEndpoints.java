package io.perfsweep.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a target's Prometheus metrics are, as AIPerf finds them: the target's own {@code scheme://host:port/metrics}
 * (its path, such as {@code /v1}, dropped), then each extra endpoint, where a missing scheme means {@code http://} and
 * a missing path means {@code /metrics}. Duplicates are dropped, order kept.
 */
public final class MetricsEndpoints {

    private MetricsEndpoints() {
    }

    /** The endpoints to scrape for {@code targetUrl} and {@code extraUrls}; every URL already passed validation. */
    public static List<String> of(String targetUrl, List<String> extraUrls) {
        var endpoints = new LinkedHashSet<String>();
        URI target = uri(targetUrl);
        endpoints.add(origin(target) + "/metrics");
        for (String extra : extraUrls) {
            URI uri = uri(extra);
            String path = uri.getRawPath();
            endpoints.add(origin(uri) + (path == null || path.isEmpty() || path.equals("/") ? "/metrics" : path));
        }
        return List.copyOf(new ArrayList<>(endpoints));
    }

    private static URI uri(String url) {
        String text = url.strip();
        return URI.create(text.contains("://") ? text : "http://" + text);
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority();
    }
}
