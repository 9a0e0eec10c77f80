package io.perfsweep.job;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.perfsweep.spec.InvalidJobException;

/**
 * Fetches a trace from an {@code http(s)} URL, once, for a job: only from hosts the operator allows, never following
 * a redirect (it could lead anywhere), never reading more than the size ceiling, and never for longer than the fetch
 * timeout. What the URL answered and cannot be a trace is an {@link InvalidJobException} (the job is rejected with
 * that reason); what kept it from answering is a {@link TraceUnavailableException} (the job is tried again later).
 */
final class TraceFetcher {

    /** One client for the process: each has a selector thread and a connection pool of its own. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /** Cuts a fetch off at its deadline by closing its body stream. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "perfsweep-trace-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * The body of {@code url}: HTTP 200, at most the ceiling, all of it within the fetch timeout (headers and body: a
     * server that trickles its body is cut off at the deadline).
     *
     * @throws InvalidJobException the URL answered, and what it answered cannot be a trace
     * @throws TraceUnavailableException the URL could not be read now; worth trying again later
     */
    byte[] fetch(String url) {
        checkAllowed(url);
        URI uri = URI.create(url.contains("://") ? url.strip() : "http://" + url.strip());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // the request's own timeout bounds the wait for the headers; closing the body at the deadline bounds the rest
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                ScheduledFuture<?> cutOff = DEADLINES.schedule(() -> closeQuietly(in),
                        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                try {
                    return body(response, in);
                } finally {
                    cutOff.cancel(false);
                }
            }
        } catch (IOException e) {
            throw new TraceUnavailableException("workload.url could not be fetched" + (System.nanoTime() >= deadline
                    ? ": not read in full within perfsweep.traces.fetch-timeout = " + timeout
                    : ": " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceUnavailableException("workload.url fetch was interrupted");
        }
    }

    private byte[] body(HttpResponse<InputStream> response, InputStream in) throws IOException {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new TraceUnavailableException("workload.url answered HTTP " + status);
        }
        if (status != 200) {
            throw new InvalidJobException("workload.url answered HTTP " + status
                    + " (redirects are not followed); the trace must be served with 200");
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(-1);
        }
        return bytes;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the reader sees the stream closed; nothing else to do
        }
    }

    private InvalidJobException tooLarge(long declared) {
        return new InvalidJobException("workload.url trace is larger than perfsweep.traces.max-bytes = " + maxBytes
                + (declared > 0 ? " (Content-Length " + declared + ")" : ""));
    }
}
