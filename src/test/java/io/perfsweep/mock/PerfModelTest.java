package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerfModelTest {

    @Test
    void decodeStepMatchesTheWorkedExamples() {
        assertThat(PerfModel.rawDecodeMillis(0.0)).isCloseTo(5.74, within(1e-9));
        assertThat(PerfModel.rawDecodeMillis(1.0)).isCloseTo(34.01, within(1e-9));
        assertThat(PerfModel.rawDecodeMillis(0.5)).isCloseTo(-25.74 * 0.25 + 54.01 * 0.5 + 5.74, within(1e-9));
    }

    @Test
    void prefillOf8192NewTokensTakesAbout169Millis() {
        double expected = 4.209989e-07 * 8192 * 8192 + 1.518344e-02 * 8192 + 1.650142e+01;
        assertThat(PerfModel.rawPrefillMillis(8192)).isCloseTo(expected, within(1e-9)).isCloseTo(169.0, within(0.5));
    }

    @Test
    void emptyPrefillBatchCostsNothing() {
        assertThat(PerfModel.rawPrefillMillis(0)).isZero();
        assertThat(PerfModel.rawPrefillMillis(1)).isCloseTo(16.5166, within(1e-3));
    }

    @Test
    void decodeIsClampedAtOneMillisecond() {
        // the parabola goes negative well past u = 1; the clamp keeps token steps apart
        assertThat(PerfModel.rawDecodeMillis(3.0)).isEqualTo(1.0);
    }

    @Test
    void speedupRatiosDivideTheDurations() {
        PerfModel model = new PerfModel(4.0, 2.0);
        assertThat(model.prefillMillis(8192)).isCloseTo(PerfModel.rawPrefillMillis(8192) / 4.0, within(1e-9));
        assertThat(model.decodeMillis(0.0)).isCloseTo(5.74 / 8.0, within(1e-9));
        assertThat(model.decodeMillis(3.0)).isCloseTo(1.0 / 8.0, within(1e-9)); // clamp first, then divide
    }

    @Test
    void rejectsNonPositiveSpeedup() {
        assertThatThrownBy(() -> new PerfModel(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
