package io.perfsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The documented ceilings are the configured defaults, and every ceiling can be changed by configuration. */
class JobLimitsTest {

    @Test
    void theConfiguredDefaultsAreTheDocumentedOnes() {
        assertThat(JobLimits.from(limits(Map.of()))).isEqualTo(JobLimits.DEFAULTS);
        assertThat(JobLimits.DEFAULTS).isEqualTo(new JobLimits(4096, 64, 100_000, 1_000_000, 200_000, 32_768,
                Duration.ofHours(6)));
    }

    @Test
    void everyCeilingIsConfigurable() {
        var limits = JobLimits.from(limits(Map.of("perfsweep.limits.max-concurrency", "10",
                "perfsweep.limits.max-levels", "3", "perfsweep.limits.max-request-count", "20",
                "perfsweep.limits.max-total-requests", "50", "perfsweep.limits.max-isl", "100",
                "perfsweep.limits.max-osl", "10", "perfsweep.limits.max-job-duration", "30m")));

        assertThat(limits).isEqualTo(new JobLimits(10, 3, 20, 50, 100, 10, Duration.ofMinutes(30)));
    }

    @Test
    void aZeroCeilingIsAConfigurationError() {
        assertThatThrownBy(() -> new JobLimits(0, 64, 100_000, 1_000_000, 200_000, 32_768, Duration.ofHours(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("every job limit must be at least 1");
    }

    private static PerfsweepConfig.Limits limits(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(PerfsweepConfig.class)
                .build();
        return config.getConfigMapping(PerfsweepConfig.class).limits();
    }
}
