package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticWorkloadTest {

    private static PromptSynthesizer prompts;

    @BeforeAll
    static void tokenizeCorpusOnce() {
        prompts = new PromptSynthesizer(Tokenizers.fallback("test-model"));
    }

    @Test
    void sameSeedGivesTheSameRequests() {
        List<WorkloadRequest> first = take(new SyntheticWorkload(Tokenizers.fallback("m"), 300, 50, 100, 20, 42), 50);
        List<WorkloadRequest> second = take(new SyntheticWorkload(Tokenizers.fallback("m"), 300, 50, 100, 20, 42), 50);
        List<WorkloadRequest> other = take(new SyntheticWorkload(Tokenizers.fallback("m"), 300, 50, 100, 20, 43), 50);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everyPromptHasItsInputTokenCount() {
        SyntheticWorkload workload = workload(550, 150, 100, 0, 7);
        for (int i = 0; i < 300; i++) {
            WorkloadRequest request = workload.next();
            assertThat(prompts.tokenizer().count(request.prompt())).isEqualTo(request.inputTokens());
            assertThat(request.outputTokens()).isEqualTo(100);
        }
    }

    @Test
    void lengthsFollowTheRequestedMeanAndStd() {
        SyntheticWorkload workload = workload(200, 40, 150, 30, 3);
        int n = 3_000;
        double[] isl = new double[n];
        double[] osl = new double[n];
        for (int i = 0; i < n; i++) {
            WorkloadRequest request = workload.next();
            isl[i] = request.inputTokens();
            osl[i] = request.outputTokens();
        }
        // AIPerf rounds up, so the mean sits about half a token above the requested one.
        assertThat(mean(isl)).isCloseTo(200.5, within(2.5));
        assertThat(std(isl)).isCloseTo(40, within(2.5));
        assertThat(mean(osl)).isCloseTo(150.5, within(2.0));
        assertThat(std(osl)).isCloseTo(30, within(2.0));
    }

    @Test
    void lengthsAreAtLeastOneAndStdZeroIsExact() {
        Random random = new Random(5);
        TokenLengthDistribution wide = new TokenLengthDistribution(2, 50);
        for (int i = 0; i < 2_000; i++) {
            assertThat(wide.sample(random)).isPositive();
        }
        assertThat(new TokenLengthDistribution(0, 0).sample(random)).isEqualTo(1);
        assertThat(new TokenLengthDistribution(77, 0).sample(random)).isEqualTo(77);
    }

    private static SyntheticWorkload workload(int islMean, int islStd, int oslMean, int oslStd, long seed) {
        return new SyntheticWorkload(prompts, new TokenLengthDistribution(islMean, islStd),
                new TokenLengthDistribution(oslMean, oslStd), seed);
    }

    private static List<WorkloadRequest> take(SyntheticWorkload workload, int count) {
        List<WorkloadRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(workload.next());
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
