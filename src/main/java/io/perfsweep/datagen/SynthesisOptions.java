package io.perfsweep.datagen;

/**
 * The knobs of {@code datagen synthesize} (Dynamo {@code synthesizer.py}, anchors §3.4) plus the perfsweep seed.
 *
 * @param blockSizeTokens tokens per hash id block; default 512
 * @param numRequests requests to synthesize; default 100000
 * @param speedupRatio inter-arrival times are divided by it, then rounded; default 1
 * @param prefixLenMultiplier core node lengths: &gt; 1 multiplies by {@code ceil(m)}, &lt; 1 shrinks to
 *        {@code max(round(len·m), 1)}; default 1
 * @param prefixRootMultiplier number of disjoint copies of the core tree; default 1
 * @param promptLenMultiplier unique prompt lengths become {@code max(1, round(len·m))}; default 1
 * @param oslMultiplier OSL becomes {@code int(osl·m)}; default 1
 * @param maxIsl drop requests with a longer ISL; {@code null} = no limit
 * @param minIsl drop requests with a shorter ISL; {@code null} = no limit
 * @param minOsl clip OSL up to this; {@code null} = no clip
 * @param maxOsl clip OSL down to this; {@code null} = no clip
 * @param seed seeds every random stream: the same seed gives byte-identical output; default 0
 */
public record SynthesisOptions(int blockSizeTokens, int numRequests, double speedupRatio, double prefixLenMultiplier,
        int prefixRootMultiplier, double promptLenMultiplier, double oslMultiplier, Integer maxIsl, Integer minIsl,
        Integer minOsl, Integer maxOsl, long seed) {

    public SynthesisOptions {
        require(blockSizeTokens > 0, "block size must be positive");
        require(numRequests >= 0, "num_requests must not be negative");
        require(speedupRatio > 0 && Double.isFinite(speedupRatio), "speedup_ratio must be a positive number");
        require(prefixLenMultiplier > 0 && Double.isFinite(prefixLenMultiplier), "prefix_len_multiplier must be > 0");
        require(prefixRootMultiplier >= 1, "prefix_root_multiplier must be an integer >= 1");
        require(promptLenMultiplier > 0 && Double.isFinite(promptLenMultiplier), "prompt_len_multiplier must be > 0");
        require(oslMultiplier >= 0 && Double.isFinite(oslMultiplier), "osl_multiplier must be >= 0");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Dynamo's CLI defaults with seed 0. */
    public static SynthesisOptions defaults() {
        return new SynthesisOptions(512, 100_000, 1.0, 1.0, 1, 1.0, 1.0, null, null, null, null, 0);
    }

    /** A copy with another request count. */
    public SynthesisOptions withNumRequests(int value) {
        return new SynthesisOptions(blockSizeTokens, value, speedupRatio, prefixLenMultiplier, prefixRootMultiplier,
                promptLenMultiplier, oslMultiplier, maxIsl, minIsl, minOsl, maxOsl, seed);
    }

    /** A copy with another block size. */
    public SynthesisOptions withBlockSizeTokens(int value) {
        return new SynthesisOptions(value, numRequests, speedupRatio, prefixLenMultiplier, prefixRootMultiplier,
                promptLenMultiplier, oslMultiplier, maxIsl, minIsl, minOsl, maxOsl, seed);
    }

    /** A copy with another speedup ratio. */
    public SynthesisOptions withSpeedupRatio(double value) {
        return new SynthesisOptions(blockSizeTokens, numRequests, value, prefixLenMultiplier, prefixRootMultiplier,
                promptLenMultiplier, oslMultiplier, maxIsl, minIsl, minOsl, maxOsl, seed);
    }

    /** A copy with other length multipliers (prefix, prompt, OSL). */
    public SynthesisOptions withMultipliers(double prefixLen, double promptLen, double osl) {
        return new SynthesisOptions(blockSizeTokens, numRequests, speedupRatio, prefixLen, prefixRootMultiplier,
                promptLen, osl, maxIsl, minIsl, minOsl, maxOsl, seed);
    }

    /** A copy with another number of core tree copies. */
    public SynthesisOptions withPrefixRootMultiplier(int value) {
        return new SynthesisOptions(blockSizeTokens, numRequests, speedupRatio, prefixLenMultiplier, value,
                promptLenMultiplier, oslMultiplier, maxIsl, minIsl, minOsl, maxOsl, seed);
    }

    /** A copy with ISL drop limits and OSL clip limits ({@code null} = none). */
    public SynthesisOptions withLimits(Integer minIslTokens, Integer maxIslTokens, Integer minOslTokens,
            Integer maxOslTokens) {
        return new SynthesisOptions(blockSizeTokens, numRequests, speedupRatio, prefixLenMultiplier,
                prefixRootMultiplier, promptLenMultiplier, oslMultiplier, maxIslTokens, minIslTokens, minOslTokens,
                maxOslTokens, seed);
    }

    /** A copy with another seed. */
    public SynthesisOptions withSeed(long value) {
        return new SynthesisOptions(blockSizeTokens, numRequests, speedupRatio, prefixLenMultiplier,
                prefixRootMultiplier, promptLenMultiplier, oslMultiplier, maxIsl, minIsl, minOsl, maxOsl, value);
    }
}
