package io.perfsweep.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Scrapes a target's Prometheus endpoints while one point runs, as AIPerf does: a baseline fetch of every endpoint
 * before warm-up, then every {@value #INTERVAL_MILLIS} ms (about 3 Hz) a fetch of each endpoint that answered, a
 * boundary fetch just before the measured phase and one as it starts, and a final fetch when the point ends. It runs on a JDK
 * {@link HttpClient} with
 * threads of its own, never on the measuring
 * path's event loops, so a slow {@code /metrics} cannot delay a timestamp. An endpoint whose fetch is still in flight
 * skips the tick rather than queueing fetches; an endpoint that does not answer the baseline is never asked again in
 * the point (its failure is in {@link ServerCapture#failures}) and never fails the point. Each answer is parsed as it
 * arrives (a {@link Scrape}); one that is not the exposition format counts as no answer.
 */
public final class ServerScraper {

    static final long INTERVAL_MILLIS = 333;
    /** Bounds every fetch: a scrape that takes longer tells nothing about a 333 ms interval anyway. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    /**
     * One client for the process (JDK 17's {@link HttpClient} cannot be closed, and each holds a selector thread):
     * its own daemon threads deliver the responses, so no fetch ever runs on a Vert.x event loop. Made at the first
     * fetch: building it sets up the JDK's default TLS context and trust store (tens of milliseconds of CPU), which a
     * run that scrapes nothing ({@code calibrate}, {@code --no-server-metrics}) should not pay.
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(2, daemon("perfsweep-server-metrics-http")))
                .connectTimeout(FETCH_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    private final List<String> endpoints;
    private final Consumer<Scrape> onScrape;
    private final ScheduledExecutorService ticker;
    private final List<Scrape> scrapes = new ArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    /** The endpoints that answered the baseline, set once before any other fetch: the only ones asked again. */
    private volatile List<String> answering = List.of();
    private volatile long windowStartNanos;
    private ServerCapture capture;

    private ServerScraper(List<String> endpoints, Consumer<Scrape> onScrape) {
        this.endpoints = List.copyOf(endpoints);
        this.onScrape = onScrape;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("perfsweep-server-metrics"));
    }

    /**
     * Takes the baseline fetch of every endpoint (waiting at most {@link #FETCH_TIMEOUT}) and starts the periodic
     * scrapes of those that answered. With no endpoints it scrapes nothing and {@link #stop} returns
     * {@link ServerCapture#NONE}.
     */
    public static ServerScraper start(List<String> endpoints) {
        return start(endpoints, scrape -> {
        });
    }

    /**
     * As {@link #start(List)}, telling {@code onScrape} of each answer as it arrives (on the scraper's thread, so it
     * must be quick), e.g. for live gauges.
     */
    public static ServerScraper start(List<String> endpoints, Consumer<Scrape> onScrape) {
        var scraper = new ServerScraper(endpoints, onScrape);
        if (!endpoints.isEmpty()) {
            scraper.baseline();
        }
        return scraper;
    }

    /**
     * Takes the boundary fetch after warm-up, just before the measured phase opens, and waits for it (at most
     * {@link #FETCH_TIMEOUT}): the counters' reference, so no warm-up token is counted in the window however short the
     * warm-up was.
     */
    public void boundary() {
        await(fetchAnswering(true));
    }

    /** Marks the start of the measured phase (after warm-up): statistics cover scrapes from here on. */
    public void measuredStarted() {
        measuredStarted(System.nanoTime());
    }

    /**
     * As {@link #measuredStarted()}, at {@code nanos} on {@link System#nanoTime()}'s clock, and fetches each answering
     * endpoint at once (not waiting for it), so even a point shorter than the interval has gauge samples.
     */
    public void measuredStarted(long nanos) {
        windowStartNanos = nanos;
        fetchAnswering(true);
    }

    /**
     * Takes the final fetch of every answering endpoint, stops scraping and returns what was gathered; the measured
     * window ends now. Idempotent: a second call returns the same capture.
     */
    public synchronized ServerCapture stop() {
        if (capture != null) {
            return capture;
        }
        long windowEnd = System.nanoTime();
        ticker.shutdownNow();
        await(fetchAnswering(true));
        synchronized (scrapes) {
            capture = endpoints.isEmpty() ? ServerCapture.NONE
                    : new ServerCapture(endpoints, answering, scrapes, orderedFailures(),
                            windowStartNanos == 0 ? windowEnd : windowStartNanos, windowEnd);
        }
        return capture;
    }

    private void baseline() {
        await(endpoints.stream().map(endpoint -> fetch(endpoint, true)).toList());
        synchronized (scrapes) {
            answering = endpoints.stream()
                    .filter(endpoint -> scrapes.stream().anyMatch(s -> s.endpointUrl().equals(endpoint))).toList();
        }
        if (!answering.isEmpty()) {
            ticker.scheduleAtFixedRate(this::tick, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        fetchAnswering(false);
    }

    /** Fetches every endpoint that answered the baseline (see {@link #fetch} for {@code always}). */
    private List<CompletableFuture<Void>> fetchAnswering(boolean always) {
        return answering.stream().map(endpoint -> fetch(endpoint, always)).toList();
    }

    /**
     * Fetches {@code endpoint}; a periodic fetch is skipped while another of the same endpoint is in flight, a baseline
     * or final one ({@code always}) is not. The future completes when this fetch is done.
     */
    private CompletableFuture<Void> fetch(String endpoint, boolean always) {
        AtomicBoolean busy = inFlight.computeIfAbsent(endpoint, e -> new AtomicBoolean());
        if (!busy.compareAndSet(false, true) && !always) {
            return CompletableFuture.completedFuture(null);
        }
        var request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(FETCH_TIMEOUT)
                .header("Accept", "text/plain;version=0.0.4, application/openmetrics-text;q=0.5, */*;q=0.1").GET()
                .build();
        long sent = System.nanoTime();
        try {
            return Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                long received = System.nanoTime();
                busy.set(false);
                if (error != null) {
                    failures.putIfAbsent(endpoint, describe(error));
                } else if (response.statusCode() != 200) {
                    failures.putIfAbsent(endpoint, "HTTP " + response.statusCode());
                } else {
                    keep(endpoint, sent, received, response);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the client refuses once it is shut down, or an endpoint it cannot ask
            busy.set(false);
            failures.putIfAbsent(endpoint, describe(e));
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Parses on the client's own thread, so only the parsed form is kept (a vLLM scrape is ~50 KB of text). */
    private void keep(String endpoint, long sent, long received, HttpResponse<String> response) {
        try {
            Scrape scrape = Scrape.parse(endpoint, received, Instant.now(), received - sent,
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            synchronized (scrapes) {
                scrapes.add(scrape);
            }
            onScrape.accept(scrape);
        } catch (ExpositionFormatException e) {
            failures.putIfAbsent(endpoint, "not the Prometheus text format: " + e.getMessage());
        }
    }

    private Map<String, String> orderedFailures() {
        var ordered = new LinkedHashMap<String, String>();
        for (String endpoint : endpoints) {
            if (!answering.contains(endpoint) && failures.containsKey(endpoint)) {
                ordered.put(endpoint, failures.get(endpoint));
            }
        }
        return ordered;
    }

    private static void await(List<CompletableFuture<Void>> fetches) {
        try {
            CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new))
                    .get(FETCH_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // each fetch records its own failure; a fetch past its timeout is given up
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
