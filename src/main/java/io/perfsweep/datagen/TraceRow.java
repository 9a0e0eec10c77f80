package io.perfsweep.datagen;

import java.util.List;

/**
 * One Mooncake trace line: arrival time, lengths in tokens and the prefix block ids.
 *
 * @param timestampMillis arrival offset in ms since the first request, or {@code null} when the row has none
 * @param inputLengthTokens input sequence length (ISL) in tokens
 * @param outputLengthTokens output sequence length (OSL) in tokens
 * @param hashIds one id per block of the prompt; shared leading ids mean a shared prefix
 * @param sessionId AIPerf multi-turn session id, or {@code null}
 * @param delayMillis AIPerf delay after the previous turn completes, in ms, or {@code null}
 */
public record TraceRow(Long timestampMillis, int inputLengthTokens, int outputLengthTokens, List<Long> hashIds,
        String sessionId, Long delayMillis) {

    public TraceRow {
        hashIds = List.copyOf(hashIds);
    }

    /** A plain Mooncake row without session fields. */
    public static TraceRow of(long timestampMillis, int inputLengthTokens, int outputLengthTokens, List<Long> hashIds) {
        return new TraceRow(timestampMillis, inputLengthTokens, outputLengthTokens, hashIds, null, null);
    }

    /**
     * Whether {@code len(hash_ids) == ceil(input_length / blockSizeTokens)}, i.e. the last block holds a remainder in
     * {@code (0, blockSizeTokens]} (anchors §3.2; asserted by Dynamo's {@code synthesizer.py}).
     */
    public boolean satisfiesBlockRule(int blockSizeTokens) {
        return expectedHashIdCount(inputLengthTokens, blockSizeTokens) == hashIds.size();
    }

    /** {@code ceil(inputLengthTokens / blockSizeTokens)}: the number of blocks a prompt of that length occupies. */
    public static int expectedHashIdCount(int inputLengthTokens, int blockSizeTokens) {
        if (blockSizeTokens <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSizeTokens);
        }
        return (int) ((inputLengthTokens + (long) blockSizeTokens - 1) / blockSizeTokens);
    }
}
