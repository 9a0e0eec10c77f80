package io.perfsweep.workload;

/** One request to send: the prompt text, its exact input token count and the output tokens to ask for. */
public record WorkloadRequest(String prompt, int inputTokens, int outputTokens) {
}
