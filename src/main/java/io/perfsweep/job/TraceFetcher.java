package io.perfsweep.job;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Fetches a trace from an {@code http(s)} URL, once, for a job: only from hosts the operator allows, never following
 * a redirect (it could lead anywhere), and never reading more than the size ceiling. Every failure is an
 * {@link InvalidJobException} saying what happened, so the job is rejected with that reason.
 */
final class TraceFetcher {

    private final TargetAllowList allowedHosts;
    private final List<String> allowedHostsAsConfigured;
    private final long maxBytes;
    private final Duration timeout;

    TraceFetcher(List<String> allowedHosts, long maxBytes, Duration timeout) {
        this.allowedHosts = new TargetAllowList(allowedHosts, false);
        this.allowedHostsAsConfigured = List.copyOf(allowedHosts);
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** Refuses a URL whose host is not allowed, without connecting. */
    void checkAllowed(String url) {
        String host = TargetAllowList.host(url);
        if (!allowedHosts.allowed(host)) {
            throw new InvalidJobException("workload.url host '" + host + "' is not allowed: trace URLs must match"
                    + " perfsweep.traces.allowed-hosts " + allowedHostsAsConfigured
                    + (allowedHostsAsConfigured.isEmpty() ? " (none is configured, so no URL is fetched)" : ""));
        }
    }

    /** The body of {@code url}: HTTP 200, at most the ceiling. */
    byte[] fetch(String url) {
        checkAllowed(url);
        URI uri = URI.create(url.contains("://") ? url.strip() : "http://" + url.strip());
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidJobException("workload.url answered HTTP " + response.statusCode()
                            + " (redirects are not followed); the trace must be served with 200");
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw tooLarge(declared);
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(-1);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new InvalidJobException("workload.url could not be fetched: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidJobException("workload.url fetch was interrupted");
        }
    }

    private InvalidJobException tooLarge(long declared) {
        return new InvalidJobException("workload.url trace is larger than perfsweep.traces.max-bytes = " + maxBytes
                + (declared > 0 ? " (Content-Length " + declared + ")" : ""));
    }
}
