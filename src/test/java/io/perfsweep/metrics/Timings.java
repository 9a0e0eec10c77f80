package io.perfsweep.metrics;

/** Builds {@link RequestRecord}s from hand-picked nanosecond timings. */
final class Timings {

    private final long sentNanos;
    private long intendedStartNanos;
    private long[] responseNanos = new long[0];
    private Integer firstOutputIndex;
    private Long endNanos;
    private long wallStartEpochNanos = 1_000_000_000_000L;
    private Integer inputTokens;
    private Integer outputTokens;
    private Integer reasoningTokens;
    private int requestedOutputTokens;
    private Usage usage;
    private RequestError error;

    private Timings(long sentNanos) {
        this.sentNanos = sentNanos;
        this.intendedStartNanos = sentNanos;
    }

    /** A request sent at {@code sentNanos}, intended for the same instant (closed loop). */
    static Timings start(long sentNanos) {
        return new Timings(sentNanos);
    }

    Timings intendedStart(long nanos) {
        this.intendedStartNanos = nanos;
        return this;
    }

    Timings responses(long... nanos) {
        this.responseNanos = nanos;
        return this;
    }

    Timings firstOutputAt(int index) {
        this.firstOutputIndex = index;
        return this;
    }

    Timings end(long nanos) {
        this.endNanos = nanos;
        return this;
    }

    Timings wallStart(long epochNanos) {
        this.wallStartEpochNanos = epochNanos;
        return this;
    }

    Timings input(Integer tokens) {
        this.inputTokens = tokens;
        return this;
    }

    Timings output(Integer tokens) {
        this.outputTokens = tokens;
        return this;
    }

    Timings reasoning(Integer tokens) {
        this.reasoningTokens = tokens;
        return this;
    }

    Timings requested(int maxTokens) {
        this.requestedOutputTokens = maxTokens;
        return this;
    }

    Timings usage(Integer prompt, Integer completion, Integer reasoning) {
        Integer total = prompt == null || completion == null ? null : prompt + completion;
        this.usage = new Usage(prompt, completion, total, reasoning, null);
        return this;
    }

    Timings usage(Usage usage) {
        this.usage = usage;
        return this;
    }

    Timings error(String type) {
        this.error = new RequestError(500, type, type + " happened");
        return this;
    }

    RequestRecord build() {
        int firstOutput = firstOutputIndex != null ? firstOutputIndex : responseNanos.length > 0 ? 0 : -1;
        long end = endNanos != null ? endNanos
                : responseNanos.length > 0 ? responseNanos[responseNanos.length - 1] : sentNanos;
        return new RequestRecord(intendedStartNanos, sentNanos, end, wallStartEpochNanos, responseNanos, firstOutput,
                inputTokens, outputTokens, reasoningTokens, requestedOutputTokens, usage, error);
    }
}
