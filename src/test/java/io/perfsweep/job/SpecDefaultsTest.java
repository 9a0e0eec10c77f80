package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.perfsweep.client.EndpointKind;
import io.perfsweep.load.PrefixRatioSpec;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.planner.ProfileInputs;
import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobTarget;
import io.perfsweep.spec.JobWorkload;

/**
 * The spec states its defaults itself (it uses no other package of ours); they are the same as the engine's, which the
 * CLI's flags default to, so a job and the same run from flags measure the same thing.
 */
class SpecDefaultsTest {

    @Test
    void aConcurrencyLoadDefaultsToTheSweepPlansLevelsAndCounts() {
        assertThat(JobLoad.Concurrency.DEFAULT.levels()).isEqualTo(SweepPlan.DEFAULT_CONCURRENCIES);
        IntStream.of(1, 2, 3, 4, 5, 100, 4096).forEach(c -> assertThat(JobLoad.Concurrency.DEFAULT.requestCountAt(c))
                .as("requests at concurrency %d", c).isEqualTo(SweepPlan.defaultRequestCount(c)));
    }

    @Test
    void aPrefixWorkloadDefaultsToTheRouterBenchmarksSettings() {
        var prefix = JobWorkload.Prefix.DEFAULT;
        assertThat(prefix.prefixRatios()).isEqualTo(PrefixRatioSpec.DEFAULT_RATIOS);
        assertThat(prefix.islTokens()).isEqualTo(PrefixRatioSpec.DEFAULT_ISL);
        assertThat(prefix.oslTokens()).isEqualTo(PrefixRatioSpec.DEFAULT_OSL);
        assertThat(prefix.prefixPromptCount()).isEqualTo(PrefixRatioSpec.DEFAULT_PREFIX_PROMPTS);
        assertThat(prefix.seed()).isEqualTo(PrefixRatioSpec.DEFAULT_SEED);
        assertThat(JobWorkload.Prefix.DEFAULT_LOAD.levels()).containsExactly(PrefixRatioSpec.DEFAULT_CONCURRENCY);
        assertThat(JobWorkload.Prefix.DEFAULT_LOAD.requestCount()).isEqualTo(PrefixRatioSpec.DEFAULT_REQUESTS);
    }

    @Test
    void aPlannerProfileDefaultsToTheProfilersGranularitiesAndOsl() {
        var d = JobWorkload.PlannerProfile.DEFAULT;
        var inputs = PlannerProfilePlan.profileInputs(new JobWorkload.PlannerProfile(8192, d.prefillGranularity(),
                d.decodeGranularity(), d.decodeOsl(), d.gpusPerEngine(), d.attentionDp(), null, d.seed()), 1000);
        assertThat(inputs).isEqualTo(ProfileInputs.defaults(8192, 1000));
    }

    @Test
    void everyEndpointOfTheSpecIsOneOfTheClients() {
        for (JobTarget.Endpoint endpoint : JobTarget.Endpoint.values()) {
            var target = new JobTarget("host:8000", JobTarget.DEFAULT_MODEL, endpoint, null, null);
            assertThat(SweepSpecs.endpoint(target).name()).isEqualTo(endpoint.name());
        }
        assertThat(JobTarget.Endpoint.values()).hasSameSizeAs(EndpointKind.values());
    }
}
