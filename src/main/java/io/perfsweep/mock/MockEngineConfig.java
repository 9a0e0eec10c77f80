package io.perfsweep.mock;

import java.util.Objects;

/**
 * Settings of the built-in mock LLM engine; defaults follow Dynamo's mocker ({@code components/src/dynamo/mocker/args.py}).
 *
 * @param mode {@link Mode#SIMULATED} (Dynamo-style engine loop) or {@link Mode#FIXED} (constant TTFT/ITL per request)
 * @param speedupRatio divides every simulated prefill and decode duration; must be &gt; 0; default 1.0
 * @param decodeSpeedupRatio further divides simulated decode durations; must be &gt; 0; default 1.0
 * @param blockSize tokens per KV block; default 64 (vLLM mode)
 * @param numGpuBlocks KV blocks in the simulated cache; default 16384
 * @param maxNumBatchedTokens token budget of one engine iteration (chunked prefill); default 8192
 * @param maxNumSeqs most requests running in one iteration; default 256
 * @param fixedTtftMillis FIXED mode: time from request receipt to the first token, in ms; default 0
 * @param fixedItlMillis FIXED mode: time between consecutive tokens, in ms; default 0
 * @param tokensPerEvent FIXED mode: tokens carried by one SSE event (the last event may carry fewer); default 1
 * @param errorRate probability in [0, 1] that a request is answered with HTTP 500; default 0
 * @param stallAfterRequests the one-shot stall starts when this many requests have been received; 0 disables it
 * @param stallMillis how long the one-shot stall pauses all token progress, in ms; 0 disables it
 * @param seed seed of every random choice (errors, token words); default 42
 * @param modelName the model id served by {@code /v1/models} and echoed in responses; default {@code Qwen/Qwen3-0.6B}
 * @param maxTruthRecords ground-truth records kept (oldest dropped first); default 100000
 */
public record MockEngineConfig(
        Mode mode,
        double speedupRatio,
        double decodeSpeedupRatio,
        int blockSize,
        int numGpuBlocks,
        int maxNumBatchedTokens,
        int maxNumSeqs,
        double fixedTtftMillis,
        double fixedItlMillis,
        int tokensPerEvent,
        double errorRate,
        int stallAfterRequests,
        double stallMillis,
        long seed,
        String modelName,
        int maxTruthRecords) {

    /** How the mock decides when tokens come out. */
    public enum Mode {
        /** Dynamo-mocker-style engine loop: batching, chunked prefill, KV cache, load-dependent timing. */
        SIMULATED,
        /** Constant TTFT and ITL per request, independent of load. */
        FIXED
    }

    public static final String DEFAULT_MODEL = "Qwen/Qwen3-0.6B";

    public MockEngineConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(modelName, "modelName");
        require(speedupRatio > 0 && Double.isFinite(speedupRatio), "speedupRatio must be > 0");
        require(decodeSpeedupRatio > 0 && Double.isFinite(decodeSpeedupRatio), "decodeSpeedupRatio must be > 0");
        require(blockSize > 0, "blockSize must be > 0");
        require(numGpuBlocks > 0, "numGpuBlocks must be > 0");
        require(maxNumBatchedTokens > 0, "maxNumBatchedTokens must be > 0");
        require(maxNumSeqs > 0, "maxNumSeqs must be > 0");
        require(fixedTtftMillis >= 0 && fixedItlMillis >= 0, "fixed delays must be >= 0");
        require(tokensPerEvent > 0, "tokensPerEvent must be > 0");
        require(errorRate >= 0 && errorRate <= 1, "errorRate must be in [0, 1]");
        require(stallAfterRequests >= 0 && stallMillis >= 0, "stall settings must be >= 0");
        require(maxTruthRecords > 0, "maxTruthRecords must be > 0");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Dynamo-style simulated engine with every other setting at its default. */
    public static MockEngineConfig simulated(double speedupRatio) {
        return new MockEngineConfig(Mode.SIMULATED, speedupRatio, 1.0, 64, 16384, 8192, 256, 0, 0, 1, 0, 0, 0, 42L,
                DEFAULT_MODEL, 100_000);
    }

    /** Constant TTFT and ITL per request, in ms. */
    public static MockEngineConfig fixed(double ttftMillis, double itlMillis) {
        return simulated(1.0).withMode(Mode.FIXED).withFixedTtftMillis(ttftMillis).withFixedItlMillis(itlMillis);
    }

    /** FIXED mode with no delay at all: tokens are written as fast as the socket takes them, one SSE event each. */
    public static MockEngineConfig zeroDelay() {
        return fixed(0, 0);
    }

    /** Whether the one-shot stall is configured. */
    public boolean stallEnabled() {
        return stallAfterRequests > 0 && stallMillis > 0;
    }

    public MockEngineConfig withMode(Mode v) {
        return new MockEngineConfig(v, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks, maxNumBatchedTokens,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withSpeedupRatio(double v) {
        return new MockEngineConfig(mode, v, decodeSpeedupRatio, blockSize, numGpuBlocks, maxNumBatchedTokens,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withDecodeSpeedupRatio(double v) {
        return new MockEngineConfig(mode, speedupRatio, v, blockSize, numGpuBlocks, maxNumBatchedTokens,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withBlockSize(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, v, numGpuBlocks, maxNumBatchedTokens,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withNumGpuBlocks(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, v, maxNumBatchedTokens,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withMaxNumBatchedTokens(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks, v,
                maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests, stallMillis,
                seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withMaxNumSeqs(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, v, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests,
                stallMillis, seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withFixedTtftMillis(double v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, v, fixedItlMillis, tokensPerEvent, errorRate, stallAfterRequests,
                stallMillis, seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withFixedItlMillis(double v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, v, tokensPerEvent, errorRate, stallAfterRequests,
                stallMillis, seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withTokensPerEvent(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, v, errorRate, stallAfterRequests,
                stallMillis, seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withErrorRate(double v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, v, stallAfterRequests,
                stallMillis, seed, modelName, maxTruthRecords);
    }

    /** One-shot stall: once {@code afterRequests} requests have been received, all progress pauses for {@code millis}. */
    public MockEngineConfig withStall(int afterRequests, double millis) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate,
                afterRequests, millis, seed, modelName, maxTruthRecords);
    }

    public MockEngineConfig withSeed(long v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate,
                stallAfterRequests, stallMillis, v, modelName, maxTruthRecords);
    }

    public MockEngineConfig withModelName(String v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate,
                stallAfterRequests, stallMillis, seed, v, maxTruthRecords);
    }

    public MockEngineConfig withMaxTruthRecords(int v) {
        return new MockEngineConfig(mode, speedupRatio, decodeSpeedupRatio, blockSize, numGpuBlocks,
                maxNumBatchedTokens, maxNumSeqs, fixedTtftMillis, fixedItlMillis, tokensPerEvent, errorRate,
                stallAfterRequests, stallMillis, seed, modelName, v);
    }
}
