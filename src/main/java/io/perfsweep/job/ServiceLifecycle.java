package io.perfsweep.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the job intake when perfsweep runs as a service, and stops it first on shutdown. */
@ApplicationScoped
public class ServiceLifecycle {

    @Inject
    PerfsweepConfig config;

    @Inject
    JobIntake intake;

    void onStart(@Observes StartupEvent event) {
        if (config.service().enabled()) {
            intake.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        intake.stop();
    }
}
