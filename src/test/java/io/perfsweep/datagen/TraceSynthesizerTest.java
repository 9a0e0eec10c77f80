package io.perfsweep.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TraceSynthesizerTest {

    private static final int BLOCK = 16;

    /** Shared prefixes (raw ids): A = 0..3; A1 = A + 10..11; A2 = A + 20..22; B = 100..101. */
    private static final List<List<Long>> PREFIXES = List.of(List.of(0L, 1L, 2L, 3L),
            List.of(0L, 1L, 2L, 3L, 10L, 11L), List.of(0L, 1L, 2L, 3L, 20L, 21L, 22L), List.of(100L, 101L));

    private static List<TraceRow> trace;
    private static double traceMeanContextTokens;

    /**
     * 400 rows: a prefix chosen uniformly, then (3 times in 4) 1–3 unique blocks, last block filled 1–16 tokens; OSL
     * 10–300; 1–2 rows per timestamp, gaps 100–1000 ms. Context of a row = its prefix blocks × 16.
     */
    @BeforeAll
    static void buildTrace() {
        Random random = new Random(42);
        trace = new ArrayList<>();
        long nextUniqueId = 1000;
        long timestamp = 0;
        double contextTotal = 0;
        while (trace.size() < 400) {
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                List<Long> ids = new ArrayList<>(PREFIXES.get(random.nextInt(PREFIXES.size())));
                contextTotal += ids.size() * BLOCK;
                int unique = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
                for (int u = 0; u < unique; u++) {
                    ids.add(nextUniqueId++);
                }
                int isl = (ids.size() - 1) * BLOCK + 1 + random.nextInt(BLOCK);
                trace.add(TraceRow.of(timestamp, isl, 10 + random.nextInt(291), ids));
            }
            timestamp += 100 + random.nextInt(901);
        }
        traceMeanContextTokens = contextTotal / trace.size();
    }

    private static SynthesisOptions options(int numRequests, long seed) {
        return SynthesisOptions.defaults().withBlockSizeTokens(BLOCK).withNumRequests(numRequests).withSeed(seed);
    }

    private static String jsonl(List<SynthesizedRequest> requests) throws IOException {
        StringWriter out = new StringWriter();
        TraceWriter.writeSynthesized(out, requests);
        return out.toString();
    }

    @Test
    void sameSeedGivesByteIdenticalOutputAndAnotherSeedDoesNot() throws IOException {
        String first = jsonl(TraceSynthesizer.synthesize(trace, options(500, 7)));
        String again = jsonl(TraceSynthesizer.synthesize(trace, options(500, 7)));
        TraceSynthesizer learned = TraceSynthesizer.learn(trace, options(500, 7));

        assertThat(again).isEqualTo(first);
        assertThat(jsonl(learned.synthesize())).isEqualTo(jsonl(learned.synthesize())).isEqualTo(first);
        assertThat(jsonl(TraceSynthesizer.synthesize(trace, options(500, 8)))).isNotEqualTo(first);
    }

    @Test
    void keepsMeanIslOslAndContextWithinThreePercent() {
        List<SynthesizedRequest> synthesized = TraceSynthesizer.synthesize(trace, options(20_000, 1));

        assertThat(synthesized).hasSize(20_000);
        assertThat(mean(synthesized, SynthesizedRequest::contextLengthTokens))
                .isCloseTo(traceMeanContextTokens, within(0.03 * traceMeanContextTokens));
        double traceMeanIsl = trace.stream().mapToInt(TraceRow::inputLengthTokens).average().orElseThrow();
        assertThat(mean(synthesized, SynthesizedRequest::inputLengthTokens))
                .isCloseTo(traceMeanIsl, within(0.03 * traceMeanIsl));
        double traceMeanOsl = trace.stream().mapToInt(TraceRow::outputLengthTokens).average().orElseThrow();
        assertThat(mean(synthesized, SynthesizedRequest::outputLengthTokens))
                .isCloseTo(traceMeanOsl, within(0.03 * traceMeanOsl));
    }

    @Test
    void prefixRootMultiplierGivesKDisjointIdRanges() {
        List<SynthesizedRequest> single = TraceSynthesizer.synthesize(trace, options(2000, 3));
        List<SynthesizedRequest> copied = TraceSynthesizer.synthesize(trace,
                options(2000, 3).withPrefixRootMultiplier(3));
        long rangeSize = single.stream().flatMap(r -> r.hashIds().stream()).mapToLong(Long::longValue).max()
                .orElseThrow() + 1;

        Set<Long> copiesUsed = new HashSet<>();
        for (int i = 0; i < single.size(); i++) {
            List<Long> original = single.get(i).hashIds();
            List<Long> shifted = copied.get(i).hashIds();
            long copy = (shifted.get(0) - original.get(0)) / rangeSize;
            copiesUsed.add(copy);
            assertThat(shifted).allSatisfy(id -> assertThat(id / rangeSize).isEqualTo(copy));
            assertThat(shifted).isEqualTo(original.stream().map(id -> id + copy * rangeSize).toList());
        }
        assertThat(copiesUsed).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    @Test
    void prefixLengthMultiplierScalesEveryContext() {
        List<SynthesizedRequest> base = TraceSynthesizer.synthesize(trace, options(1000, 5));
        List<SynthesizedRequest> doubled = TraceSynthesizer.synthesize(trace,
                options(1000, 5).withMultipliers(2.0, 1.0, 1.0));

        for (int i = 0; i < base.size(); i++) {
            assertThat(doubled.get(i).contextLengthTokens()).isEqualTo(2 * base.get(i).contextLengthTokens());
        }
    }

    @Test
    void speedupRatioTwoHalvesTheMeanInterArrival() {
        List<SynthesizedRequest> base = TraceSynthesizer.synthesize(trace, options(5000, 9));
        List<SynthesizedRequest> faster = TraceSynthesizer.synthesize(trace, options(5000, 9).withSpeedupRatio(2));

        // Same seed, same draws: every gap g becomes round(g / 2), so the span halves up to rounding (±0.5 ms a gap).
        double ratio = (double) last(faster).timestampMillis() / last(base).timestampMillis();
        assertThat(ratio).isCloseTo(0.5, within(0.005));
    }

    @Test
    void everyRowSatisfiesTheCeilRuleAndParsesBack() throws IOException {
        List<SynthesizedRequest> synthesized = TraceSynthesizer.synthesize(trace,
                options(3000, 11).withMultipliers(1.5, 0.5, 2.0).withPrefixRootMultiplier(2));

        TraceFile parsed = TraceReader.read(new BufferedReader(new StringReader(jsonl(synthesized))), BLOCK);

        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.rows()).isEqualTo(synthesized.stream().map(SynthesizedRequest::toTraceRow).toList());
        assertThat(synthesized).allSatisfy(r -> assertThat(r.uniqueUserPromptLengthTokens())
                .isEqualTo(r.inputLengthTokens() - r.contextLengthTokens()));
        assertThat(jsonl(synthesized.subList(0, 1))).startsWith("{\"timestamp\": 0, \"input_length\": ")
                .contains(", \"context_len\": ").contains(", \"unique_user_prompt_len\": ");
    }

    @Test
    void islLimitsDropAndOslLimitsClip() {
        List<SynthesizedRequest> synthesized = TraceSynthesizer.synthesize(trace,
                options(2000, 13).withLimits(40, 100, 50, 200));

        assertThat(synthesized).hasSize(2000).allSatisfy(r -> {
            assertThat(r.inputLengthTokens()).isBetween(40, 100);
            assertThat(r.outputLengthTokens()).isBetween(50, 200);
        });
        assertThat(synthesized).anyMatch(r -> r.outputLengthTokens() == 50)
                .anyMatch(r -> r.outputLengthTokens() == 200);
    }

    @Test
    void describesTheCoreTreeAndRendersSynthesizedStatistics() {
        TraceSynthesizer synthesizer = TraceSynthesizer.learn(trace, options(100, 1));

        // Core radix nodes: A (0..3), A1 (10..11), A2 (20..22), B (100..101); deepest is A → A1 or A2.
        assertThat(synthesizer.describe())
                .isEqualTo("MooncakeSynth(core_radix_tree_size=4, core_radix_tree_depth=2, block_size=16)");
        assertThat(TraceSynthesizer.renderStatistics(synthesizer.synthesize())).contains("| Unique Prompt Length |");
    }

    private static double mean(List<SynthesizedRequest> requests, ToDoubleFunction<SynthesizedRequest> field) {
        return requests.stream().mapToDouble(field).average().orElseThrow();
    }

    private static SynthesizedRequest last(List<SynthesizedRequest> requests) {
        return requests.get(requests.size() - 1);
    }
}
