package io.perfsweep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsweep.spec.InvalidJobException;

/** Outbound targets: loopback and cluster-local names by default, nothing else unless the operator says so. */
class TargetAllowListTest {

    private final TargetAllowList defaults = new TargetAllowList(
            List.of("localhost", "127.0.0.0/8", "::1", "[::1]", "*.svc", "*.svc.cluster.local"), true);

    @Test
    void allowsLoopbackAndClusterLocalNames() {
        assertThat(defaults.allowed("127.0.0.1")).isTrue();
        assertThat(defaults.allowed("127.45.1.9")).isTrue();
        assertThat(defaults.allowed("localhost")).isTrue();
        assertThat(defaults.allowed("vllm-agg-frontend")).isTrue();
        assertThat(defaults.allowed("frontend.dynamo.svc")).isTrue();
        assertThat(defaults.allowed("frontend.dynamo.svc.cluster.local")).isTrue();
    }

    @Test
    void refusesEverythingElseWithAReasonNamingTheSetting() {
        assertThat(defaults.allowed("10.0.0.7")).isFalse();
        assertThat(defaults.allowed("169.254.169.254")).isFalse();
        assertThat(defaults.allowed("example.com")).isFalse();
        assertThat(defaults.allowed("evil.svc.example.com")).isFalse();
        assertThatThrownBy(() -> defaults.check("http://169.254.169.254/latest/meta-data"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("target.url host '169.254.169.254' is not allowed")
                .hasMessageContaining("perfsweep.targets.allowed-hosts");
    }

    @Test
    void singleLabelNamesCanBeSwitchedOff() {
        var strict = new TargetAllowList(List.of("127.0.0.0/8"), false);

        assertThat(strict.allowed("vllm-agg-frontend")).isFalse();
        assertThat(strict.allowed("127.0.0.1")).isTrue();
    }
}
