package io.perfsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenAccountingTest {

    @Test
    void usageTokensComeFromTheLastUsageBlock() {
        RequestRecord record = Timings.start(0).usage(new Usage(100, 50, 150, 20, 64)).build();
        assertThat(UsageTokens.prompt(record)).hasValue(100);
        assertThat(UsageTokens.completion(record)).hasValue(50);
        assertThat(UsageTokens.total(record)).hasValue(150);
        assertThat(UsageTokens.reasoning(record)).hasValue(20);
        assertThat(UsageTokens.cached(record)).hasValue(64);
    }

    @Test
    void missingUsageIsNoValue() {
        RequestRecord noUsage = Timings.start(0).input(10).output(10).build();
        assertThat(UsageTokens.prompt(noUsage)).isEmpty();
        assertThat(UsageDiffPercent.prompt(noUsage)).isEmpty();
        RequestRecord partial = Timings.start(0).usage(new Usage(10, null, null, null, null)).build();
        assertThat(UsageTokens.completion(partial)).isEmpty();
        assertThat(UsageTokens.cached(partial)).isEmpty();
    }

    @Test
    void usageDiffIsAbsoluteRelativeToTheClientCount() {
        RequestRecord record = Timings.start(0).input(100).output(40).reasoning(10).usage(95, 55, 8).build();
        assertThat(UsageDiffPercent.prompt(record)).hasValue(5.0); // |95 − 100| / 100
        assertThat(UsageDiffPercent.completion(record)).hasValue(10.0); // |55 − 50| / 50, OSL includes reasoning
        assertThat(UsageDiffPercent.reasoning(record)).hasValue(20.0); // |8 − 10| / 10
    }

    @Test
    void usageDiffHasNoValueForAZeroClientCount() {
        RequestRecord record = Timings.start(0).input(0).usage(5, null, null).build();
        assertThat(UsageDiffPercent.prompt(record)).isEmpty();
    }

    @Test
    void discrepancyNeedsADiffStrictlyAboveTenPercent() {
        RequestRecord exactlyTen = Timings.start(0).input(100).output(50).usage(110, 55, null).build();
        RequestRecord justAbove = Timings.start(0).input(100).output(50).usage(111, 50, null).build();
        RequestRecord onlyReasoning = Timings.start(0).input(100).output(40).reasoning(10).usage(100, 50, 12)
                .build();
        assertThat(UsageDiffPercent.isDiscrepancy(exactlyTen)).isFalse();
        assertThat(UsageDiffPercent.isDiscrepancy(justAbove)).isTrue();
        assertThat(UsageDiffPercent.isDiscrepancy(onlyReasoning)).isTrue(); // 20 % on reasoning
    }

    @Test
    void oslMismatchIsSignedPercentOfTheRequestedLength() {
        assertThat(OslMismatch.diffPercent(Timings.start(0).output(50).requested(100).build())).hasValue(-50.0);
        assertThat(OslMismatch.diffPercent(Timings.start(0).output(120).requested(100).build())).hasValue(20.0);
        assertThat(OslMismatch.diffPercent(Timings.start(0).output(120).build())).isEmpty();
        assertThat(OslMismatch.diffPercent(Timings.start(0).requested(100).build())).isEmpty();
    }

    @Test
    void oslMismatchThresholdIsFivePercentCappedAtFiftyTokens() {
        // requested 100 → threshold 5 tokens
        assertThat(OslMismatch.isMismatch(Timings.start(0).output(95).requested(100).build())).isFalse();
        assertThat(OslMismatch.isMismatch(Timings.start(0).output(94).requested(100).build())).isTrue();
        // requested 2000 → min(100, 50) = 50 tokens
        assertThat(OslMismatch.isMismatch(Timings.start(0).output(1950).requested(2000).build())).isFalse();
        assertThat(OslMismatch.isMismatch(Timings.start(0).output(1949).requested(2000).build())).isTrue();
        assertThat(OslMismatch.isMismatch(Timings.start(0).output(2051).requested(2000).build())).isTrue();
    }
}
