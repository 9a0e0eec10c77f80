package io.perfsweep.workload;

import java.util.List;

/**
 * The requests of a trace, with prompts built from their hash ids: the same id is always the same block of text, so a
 * server sees exactly the prefix sharing the trace describes (its prefix cache hits where the trace's rows share
 * leading ids). Immutable and thread-safe.
 */
public final class TraceWorkload {

    private final List<TraceRequest> requests;
    private final HashIdBlocks blocks;

    /**
     * @param blockSizeTokens tokens per hash id ({@value HashIdBlocks#DEFAULT_BLOCK_SIZE_TOKENS} for public traces)
     * @param seed picks the text of each id; the same seed gives the same text for the same id
     */
    public TraceWorkload(Tokenizer tokenizer, List<TraceRequest> requests, int blockSizeTokens, long seed) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least one request");
        }
        this.requests = List.copyOf(requests);
        this.blocks = new HashIdBlocks(new PromptSynthesizer(tokenizer), blockSizeTokens, seed);
    }

    public int size() {
        return requests.size();
    }

    public TraceRequest row(int index) {
        return requests.get(index);
    }

    /** Every row, in file order. */
    public List<TraceRequest> rows() {
        return requests;
    }

    /** The request of row {@code index}: its hash-id prompt, exact input length and output length. */
    public WorkloadRequest request(int index) {
        TraceRequest row = requests.get(index);
        return new WorkloadRequest(blocks.prompt(row.hashIds(), row.inputTokens()), row.inputTokens(),
                row.outputTokens());
    }
}
