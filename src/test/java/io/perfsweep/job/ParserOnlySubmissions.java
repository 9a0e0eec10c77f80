package io.perfsweep.job;

import java.time.Duration;

import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A {@link JobSubmissions} outside CDI whose only working part is {@link JobSubmissions#parser()}, with the limits of
 * {@code perfsweep.*}'s defaults (application.properties sets none): for picocli-level tests of what a command refuses
 * while it parses a job file, before it would use any other bean.
 */
public final class ParserOnlySubmissions {

    private ParserOnlySubmissions() {
    }

    public static JobSubmissions withDefaultLimits() {
        var submissions = new JobSubmissions();
        submissions.config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter()) // "30s", as Quarkus reads durations
                .withMapping(PerfsweepConfig.class).build().getConfigMapping(PerfsweepConfig.class);
        return submissions;
    }
}
