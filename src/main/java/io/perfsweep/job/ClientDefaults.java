package io.perfsweep.job;

import java.time.Duration;
import java.util.Map;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.config.PerfsweepConfig;

/**
 * Client settings a job does not choose: they belong to the service that runs it.
 *
 * @param requestTimeout whole-request limit; zero disables
 * @param idleTimeout longest silence on a stream; zero disables
 * @param headers service-wide headers sent with every request; a job's own headers win
 */
public record ClientDefaults(Duration requestTimeout, Duration idleTimeout, Map<String, String> headers) {

    /** The client's own defaults, the same as {@code perfsweep.client}'s: 600 s per request, 60 s idle, no headers. */
    public static final ClientDefaults DEFAULTS = new ClientDefaults(ClientOptions.DEFAULT_REQUEST_TIMEOUT,
            ClientOptions.DEFAULT_IDLE_TIMEOUT, Map.of());

    public ClientDefaults {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The settings configured under {@code perfsweep.client}. */
    public static ClientDefaults from(PerfsweepConfig.Client config) {
        return new ClientDefaults(config.requestTimeout(), config.idleTimeout(), config.headers());
    }
}
