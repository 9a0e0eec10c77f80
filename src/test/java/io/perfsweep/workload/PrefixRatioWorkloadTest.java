package io.perfsweep.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrefixRatioWorkloadTest {

    private static PromptSynthesizer prompts;

    @BeforeAll
    static void tokenizeCorpusOnce() {
        prompts = new PromptSynthesizer(Tokenizers.fallback("test-model"));
    }

    @Test
    void shapeIsTheScriptsArithmetic() {
        // int(14000·0.3) = 4200, int(14000·0.7) = 9800 (float 9799.999… truncates to 9799 in Python too), round(osl/4)
        assertThat(PrefixRatioWorkload.Shape.of(14000, 200, 0.3, 20))
                .isEqualTo(new PrefixRatioWorkload.Shape(4200, 20, (int) (14000 * (1 - 0.3)),
                        (int) Math.rint((int) (14000 * (1 - 0.3)) / 4.0), 200, 50));
        assertThat(PrefixRatioWorkload.Shape.of(14000, 200, 0.1, 20).prefixTokens()).isEqualTo(1400);
        assertThat(PrefixRatioWorkload.Shape.of(14000, 200, 0.1, 20).syntheticTokens()).isEqualTo(12600);
        assertThat(PrefixRatioWorkload.Shape.of(14000, 200, 0.1, 20).syntheticStdTokens()).isEqualTo(3150);
        // Python's round() sends halves to the even neighbour: round(10/4) = round(2.5) = 2, round(14/4) = 4
        assertThat(PrefixRatioWorkload.Shape.of(100, 10, 0.5, 1).oslStdTokens()).isEqualTo(2);
        assertThat(PrefixRatioWorkload.Shape.of(100, 14, 0.5, 1).oslStdTokens()).isEqualTo(4);
    }

    @Test
    void theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() {
        var shape = PrefixRatioWorkload.Shape.of(300, 20, 0.5, 4);

        List<WorkloadRequest> first = new PrefixRatioWorkload(prompts, shape, 7).next(12);
        List<WorkloadRequest> again = new PrefixRatioWorkload(prompts, shape, 7).next(12);
        List<WorkloadRequest> other = new PrefixRatioWorkload(prompts, shape, 8).next(12);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everyPromptStartsWithOneOfThePoolPrefixesAndCountsItsOwnTokens() {
        var shape = PrefixRatioWorkload.Shape.of(400, 20, 0.75, 3);
        var pool = new PrefixPromptPool(prompts, 3, 300, new java.util.Random(5));

        List<WorkloadRequest> requests = new PrefixRatioWorkload(prompts, shape, 5).next(30);

        // The pool is drawn first from the seed, so the same seed rebuilds it.
        assertThat(requests).allSatisfy(request -> {
            assertThat(pool.prefixes()).anySatisfy(prefix -> assertThat(request.prompt()).startsWith(prefix + " "));
            assertThat(request.inputTokens()).isEqualTo(prompts.tokenizer().count(request.prompt()));
        });
        // 30 draws from 3 prefixes use more than one of them.
        assertThat(pool.prefixes()).filteredOn(p -> requests.stream().anyMatch(r -> r.prompt().startsWith(p)))
                .hasSizeGreaterThan(1);
    }

    @Test
    void ratioZeroSendsNoPrefixAndRatioOneOnlyAOneTokenTail() {
        var none = new PrefixRatioWorkload(prompts, PrefixRatioWorkload.Shape.of(100, 8, 0, 4), 1).next(5);
        var all = new PrefixRatioWorkload(prompts, PrefixRatioWorkload.Shape.of(100, 8, 1, 4), 1).next(5);

        assertThat(none).allSatisfy(r -> assertThat(r.inputTokens()).isBetween(50, 150));
        // 100 prefix tokens, a space and one synthetic token.
        assertThat(all).allSatisfy(r -> assertThat(r.inputTokens()).isBetween(100, 103));
    }
}
