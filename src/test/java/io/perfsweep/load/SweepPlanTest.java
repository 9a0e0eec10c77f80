package io.perfsweep.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Sweep plans follow Dynamo's defaults: levels 1…250, max(3·c, 10) requests per level. */
class SweepPlanTest {

    @Test
    void defaultRequestCountIsThreePerSlotAndAtLeastTen() {
        var plan = SweepPlan.concurrencySweep(SweepPlan.DEFAULT_CONCURRENCIES, null, 0);

        assertThat(plan.points()).extracting(LoadPoint::concurrency).containsExactly(1, 2, 5, 10, 50, 100, 250);
        assertThat(plan.points()).extracting(LoadPoint::requestCount).containsExactly(10, 10, 15, 30, 150, 300, 750);
    }

    @Test
    void anExplicitRequestCountAppliesToEveryLevel() {
        var plan = SweepPlan.concurrencySweep(List.of(1, 64), 40, 5);

        assertThat(plan.points()).containsExactly(new LoadPoint(1, 40, 5), new LoadPoint(64, 40, 5));
        assertThat(plan.points().get(1).label()).isEqualTo("c64");
    }

    @Test
    void rejectsConcurrencyZeroWithAReason() {
        assertThatThrownBy(() -> SweepPlan.concurrencySweep(List.of(0), null, 0))
                .hasMessage("concurrency must be at least 1, was 0");
    }
}
