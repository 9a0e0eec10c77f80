package io.perfsweep.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The requests of one point of Dynamo's router prefix-ratio benchmark ({@code benchmarks/router/
 * prefix_ratio_benchmark.py}), which asks AIPerf for {@code --prefix-prompt-length int(ISL·r) --num-prefix-prompts K
 * --synthetic-input-tokens-mean int(ISL·(1−r)) --synthetic-input-tokens-stddev round(mean/4) --output-tokens-mean OSL
 * --output-tokens-stddev round(OSL/4) --random-seed s}: a pool of K shared prefixes, and per request a synthetic
 * prompt with one pool prefix (drawn at random) in front. The higher the ratio, the more of every prompt a server can
 * serve from its prefix cache, which is what a KV-aware router is meant to exploit.
 *
 * <p>
 * Reproducible: the pool and every request come from one {@link Random} seeded with {@code seed}, so the same seed
 * gives the same prompts (the script's seed per ratio makes the whole benchmark repeatable). Not thread-safe.
 */
public final class PrefixRatioWorkload {

    private final Tokenizer tokenizer;
    private final PromptSynthesizer prompts;
    private final PrefixPromptPool pool;
    private final TokenLengthDistribution syntheticLength;
    private final TokenLengthDistribution outputLength;
    private final Random random;

    /**
     * @param prompts the tokenized corpus prompts are cut from
     * @param shape the lengths of this ratio's requests
     * @param seed the seed of this ratio
     */
    public PrefixRatioWorkload(PromptSynthesizer prompts, Shape shape, long seed) {
        this.tokenizer = prompts.tokenizer();
        this.prompts = prompts;
        this.random = new Random(seed);
        this.pool = shape.prefixTokens() > 0
                ? new PrefixPromptPool(prompts, shape.prefixPromptCount(), shape.prefixTokens(), random)
                : null;
        this.syntheticLength = new TokenLengthDistribution(shape.syntheticTokens(), shape.syntheticStdTokens());
        this.outputLength = new TokenLengthDistribution(shape.oslTokens(), shape.oslStdTokens());
    }

    /**
     * The lengths AIPerf is asked for at one prefix ratio, derived exactly as the script derives them.
     *
     * @param prefixTokens shared prefix length, {@code int(ISL·r)} (0: no prefix at all)
     * @param prefixPromptCount prefixes in the pool
     * @param syntheticTokens mean length of the part after the prefix, {@code int(ISL·(1−r))}
     * @param syntheticStdTokens its standard deviation, {@code round(syntheticTokens/4)}
     * @param oslTokens mean output length
     * @param oslStdTokens its standard deviation, {@code round(OSL/4)}
     */
    public record Shape(int prefixTokens, int prefixPromptCount, int syntheticTokens, int syntheticStdTokens,
            int oslTokens, int oslStdTokens) {

        /** The script's arithmetic for total input length {@code isl}, output length {@code osl} and ratio {@code r}. */
        public static Shape of(int isl, int osl, double ratio, int prefixPromptCount) {
            int prefix = (int) (isl * ratio);
            int synthetic = (int) (isl * (1 - ratio));
            return new Shape(prefix, prefixPromptCount, synthetic, pythonRound(synthetic / 4.0), osl,
                    pythonRound(osl / 4.0));
        }

        /** Python 3's {@code round()}: halves go to the even neighbour ({@code round(2.5) == 2}). */
        static int pythonRound(double value) {
            return (int) Math.rint(value);
        }
    }

    /** The next {@code count} requests. */
    public List<WorkloadRequest> next(int count) {
        List<WorkloadRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next());
        }
        return requests;
    }

    /**
     * The next request: synthetic length, its prompt, the pool prefix, then the output length, all drawn from the
     * one seeded generator. The input token count is the prompt's own count, as AIPerf measures ISL.
     */
    public WorkloadRequest next() {
        String content = prompts.prompt(syntheticLength.sample(random), random);
        String prompt = pool == null ? content : pool.prepend(content, random);
        int outputTokens = outputLength.sample(random);
        return new WorkloadRequest(prompt, tokenizer.count(prompt), outputTokens);
    }
}
