package io.perfsweep.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the job intake and the share worker (scale-out) when perfsweep runs as a service, and stops them first on
 * shutdown.
 */
@ApplicationScoped
public class ServiceLifecycle {

    @Inject
    PerfsweepConfig config;

    @Inject
    JobIntake intake;

    @Inject
    ShareWorker shareWorker;

    void onStart(@Observes StartupEvent event) {
        if (config.service().enabled()) {
            intake.start();
            shareWorker.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        intake.stop();
        shareWorker.stop();
    }
}
