package io.perfsweep.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach one OpenAI-compatible server.
 *
 * @param baseUrl {@code http(s)://host:port[/prefix]} or a bare {@code host:port}
 * @param endpoint chat or completions
 * @param maxConnections keep-alive pool size; size it to the requested concurrency
 * @param requestTimeout whole-request limit from {@code send} to the end of the response; zero disables
 *        (default 600 s, AIPerf's default request timeout)
 * @param idleTimeout longest gap without a byte once the request is written; zero disables (default 60 s, the
 *        service's {@code perfsweep.client.idle-timeout}: AIPerf has no such limit, but a stream that stalls would
 *        otherwise hold its slot until the 600 s request timeout, and no server a benchmark measures is silent for a
 *        minute mid-stream; the CLI and the service share it, so a point behaves the same wherever it runs)
 * @param headers extra request headers, e.g. {@code Authorization}; they win over the client's defaults
 */
public record ClientOptions(String baseUrl, EndpointKind endpoint, int maxConnections, Duration requestTimeout,
        Duration idleTimeout, Map<String, String> headers) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(600);
    /** The default of {@code perfsweep.client.idle-timeout} ({@code PerfsweepConfig.Client#idleTimeout}) too. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ClientOptions {
        BaseUrl.parse(baseUrl); // fail fast on a bad URL
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is required");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
        }
        requestTimeout = nonNegative(requestTimeout, "requestTimeout");
        idleTimeout = nonNegative(idleTimeout, "idleTimeout");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Defaults: {@value #DEFAULT_MAX_CONNECTIONS} connections, 600 s request timeout, 60 s idle timeout. */
    public static ClientOptions of(String baseUrl, EndpointKind endpoint) {
        return new ClientOptions(baseUrl, endpoint, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT, Map.of());
    }

    public ClientOptions withEndpoint(EndpointKind value) {
        return new ClientOptions(baseUrl, value, maxConnections, requestTimeout, idleTimeout, headers);
    }

    public ClientOptions withMaxConnections(int value) {
        return new ClientOptions(baseUrl, endpoint, value, requestTimeout, idleTimeout, headers);
    }

    public ClientOptions withRequestTimeout(Duration value) {
        return new ClientOptions(baseUrl, endpoint, maxConnections, value, idleTimeout, headers);
    }

    public ClientOptions withIdleTimeout(Duration value) {
        return new ClientOptions(baseUrl, endpoint, maxConnections, requestTimeout, value, headers);
    }

    public ClientOptions withHeaders(Map<String, String> value) {
        return new ClientOptions(baseUrl, endpoint, maxConnections, requestTimeout, idleTimeout, value);
    }

    public ClientOptions withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return withHeaders(merged);
    }

    /** The parsed {@link #baseUrl}. */
    public BaseUrl target() {
        return BaseUrl.parse(baseUrl);
    }

    private static Duration nonNegative(Duration value, String name) {
        Duration result = value == null ? Duration.ZERO : value;
        if (result.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return result;
    }
}
