package io.perfsweep.workload;

import java.util.Random;

/**
 * AIPerf's synthetic workload: per request an input length (ISL) and an output length (OSL) drawn from normals, and
 * a corpus prompt of exactly that many input tokens.
 *
 * <p>
 * Reproducible: the same seed gives the same sequence of requests. <b>Not thread-safe</b>: call {@link #next()}
 * from one thread, or pre-generate the requests.
 */
public final class SyntheticWorkload {

    private final PromptSynthesizer prompts;
    private final TokenLengthDistribution inputLength;
    private final TokenLengthDistribution outputLength;
    private final Random random;

    /** Tokenizes the corpus with {@code tokenizer}; lengths are in tokens. */
    public SyntheticWorkload(Tokenizer tokenizer, int islMean, int islStd, int oslMean, int oslStd, long seed) {
        this(new PromptSynthesizer(tokenizer), new TokenLengthDistribution(islMean, islStd),
                new TokenLengthDistribution(oslMean, oslStd), seed);
    }

    /** Shares an already tokenized corpus. */
    public SyntheticWorkload(PromptSynthesizer prompts, TokenLengthDistribution inputLength,
            TokenLengthDistribution outputLength, long seed) {
        this.prompts = prompts;
        this.inputLength = inputLength;
        this.outputLength = outputLength;
        this.random = new Random(seed);
    }

    /** The next request: ISL, then the prompt start, then OSL are drawn from the one seeded generator. */
    public WorkloadRequest next() {
        int inputTokens = inputLength.sample(random);
        String prompt = prompts.prompt(inputTokens, random);
        int outputTokens = outputLength.sample(random);
        return new WorkloadRequest(prompt, inputTokens, outputTokens);
    }
}
