package io.perfsweep.datagen;

import java.util.List;

/**
 * One synthesized Mooncake request; the two extra fields are written as {@code context_len} and
 * {@code unique_user_prompt_len} (Dynamo {@code synthesizer.py}).
 *
 * @param timestampMillis arrival offset in ms
 * @param inputLengthTokens ISL in tokens
 * @param outputLengthTokens OSL in tokens
 * @param hashIds block ids: the sampled core path, then the fresh leaf ids
 * @param contextLengthTokens core path blocks × block size
 * @param uniqueUserPromptLengthTokens {@code inputLengthTokens - contextLengthTokens}
 */
public record SynthesizedRequest(long timestampMillis, int inputLengthTokens, int outputLengthTokens,
        List<Long> hashIds, int contextLengthTokens, int uniqueUserPromptLengthTokens) {

    public SynthesizedRequest {
        hashIds = List.copyOf(hashIds);
    }

    /** The request as a plain trace row (drops the two synthesis-only fields). */
    public TraceRow toTraceRow() {
        return TraceRow.of(timestampMillis, inputLengthTokens, outputLengthTokens, hashIds);
    }
}
