package io.perfsweep.client;

/**
 * One streamed completion to send.
 *
 * @param requestId sent as {@code X-Request-ID}; null means a random UUID
 * @param model the {@code model} field
 * @param prompt the user message (chat) or {@code prompt} (completions)
 * @param maxTokens {@code max_tokens} (the requested OSL), null to omit
 * @param sendMinTokens also send {@code min_tokens} equal to {@code maxTokens}
 * @param ignoreEos send {@code "ignore_eos": true}
 * @param nvextIgnoreEos send {@code "nvext": {"ignore_eos": true}} (Dynamo)
 */
public record StreamRequest(String requestId, String model, String prompt, Integer maxTokens,
        boolean sendMinTokens, boolean ignoreEos, boolean nvextIgnoreEos) {

    public StreamRequest {
        if (model == null || prompt == null) {
            throw new IllegalArgumentException("model and prompt are required");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
        }
    }

    public static StreamRequest of(String model, String prompt) {
        return new StreamRequest(null, model, prompt, null, false, false, false);
    }

    public StreamRequest withRequestId(String value) {
        return new StreamRequest(value, model, prompt, maxTokens, sendMinTokens, ignoreEos, nvextIgnoreEos);
    }

    public StreamRequest withMaxTokens(Integer value) {
        return new StreamRequest(requestId, model, prompt, value, sendMinTokens, ignoreEos, nvextIgnoreEos);
    }

    /** Asks for exactly {@code outputTokens} tokens the way Dynamo's scripts do: max, min and both ignore_eos. */
    public StreamRequest withFixedOutputLength(int outputTokens) {
        return new StreamRequest(requestId, model, prompt, outputTokens, true, true, true);
    }

    public StreamRequest withSendMinTokens(boolean value) {
        return new StreamRequest(requestId, model, prompt, maxTokens, value, ignoreEos, nvextIgnoreEos);
    }

    public StreamRequest withIgnoreEos(boolean value) {
        return new StreamRequest(requestId, model, prompt, maxTokens, sendMinTokens, value, nvextIgnoreEos);
    }

    public StreamRequest withNvextIgnoreEos(boolean value) {
        return new StreamRequest(requestId, model, prompt, maxTokens, sendMinTokens, ignoreEos, value);
    }
}
