package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.job.ClientDefaults;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

/** The client's own timeouts are the service's configured defaults: a point behaves the same from the CLI and a job. */
class ClientDefaultsTest {

    @Test
    void theIdleAndRequestTimeoutsAreOneDefaultForTheCliAndTheService() throws NoSuchMethodException {
        Duration configuredIdle = configDefault("idleTimeout");
        Duration configuredRequest = configDefault("requestTimeout");

        assertThat(configuredIdle).isEqualTo(Duration.ofSeconds(60));
        var options = ClientOptions.of("http://127.0.0.1:8000", EndpointKind.CHAT);
        assertThat(options.idleTimeout()).as("ClientOptions.of").isEqualTo(configuredIdle);
        assertThat(options.requestTimeout()).as("ClientOptions.of").isEqualTo(configuredRequest);
        assertThat(ClientDefaults.DEFAULTS.idleTimeout()).as("ClientDefaults.DEFAULTS").isEqualTo(configuredIdle);
        assertThat(ClientDefaults.DEFAULTS.requestTimeout()).as("ClientDefaults.DEFAULTS").isEqualTo(configuredRequest);
    }

    private static Duration configDefault(String key) throws NoSuchMethodException {
        String value = PerfsweepConfig.Client.class.getMethod(key).getAnnotation(WithDefault.class).value();
        return DurationConverter.parseDuration(value);
    }
}
