package io.perfsweep.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.events.NatsClient;
import io.perfsweep.events.NatsConnectionOptions;

/** Ready only while the NATS connection the service takes jobs from is up (PostgreSQL has Quarkus's own check). */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

    @Inject
    NatsClient nats;

    @Inject
    PerfsweepConfig config;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("nats").withData("url",
                NatsConnectionOptions.redactedUrl(config.nats().url()));
        return config.service().enabled() && !nats.connected() ? response.down().build() : response.up().build();
    }
}
