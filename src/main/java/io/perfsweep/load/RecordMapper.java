package io.perfsweep.load;

import io.perfsweep.client.Failure;
import io.perfsweep.client.ServerUsage;
import io.perfsweep.client.StreamOutcome;
import io.perfsweep.metrics.RequestError;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Usage;
import io.perfsweep.workload.Tokenizer;

/**
 * Turns what the client saw into what the metrics need, after the point has finished: output text is tokenized
 * here, off the measuring path, joined first as AIPerf does so BPE merges across chunk boundaries count right.
 */
final class RecordMapper {

    private final Tokenizer tokenizer;
    private final WallClock wallClock;

    RecordMapper(Tokenizer tokenizer, WallClock wallClock) {
        this.tokenizer = tokenizer;
        this.wallClock = wallClock;
    }

    RequestRecord toRecord(StreamOutcome outcome, long intendedStartNanos, int inputTokens, int requestedOutputTokens) {
        Integer outputTokens = outcome.ok() ? tokenizer.count(outcome.joinedContent()) : null;
        Integer reasoningTokens = outcome.ok() && outcome.hasReasoningField()
                ? tokenizer.count(outcome.joinedReasoning())
                : null;
        return record(outcome, intendedStartNanos, inputTokens, requestedOutputTokens, outputTokens, reasoningTokens);
    }

    /**
     * The record without the client-tokenizer counts (output and reasoning tokens null): cheap enough for the event
     * loop, for listeners that want a request's timings the moment it finishes.
     */
    RequestRecord toUntokenizedRecord(StreamOutcome outcome, long intendedStartNanos, int inputTokens,
            int requestedOutputTokens) {
        return record(outcome, intendedStartNanos, inputTokens, requestedOutputTokens, null, null);
    }

    private RequestRecord record(StreamOutcome outcome, long intendedStartNanos, int inputTokens,
            int requestedOutputTokens, Integer outputTokens, Integer reasoningTokens) {
        return new RequestRecord(intendedStartNanos, outcome.sentNanos(), outcome.endNanos(),
                wallClock.epochNanosAt(outcome.sentNanos()), outcome.responseNanos(), outcome.firstContentIndex(),
                inputTokens, outputTokens, reasoningTokens, requestedOutputTokens, usage(outcome.usage()),
                error(outcome.failure()), outcome.connectionOverheadNanos());
    }

    private static Usage usage(ServerUsage usage) {
        return usage == null ? null
                : new Usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                        usage.reasoningTokens(), usage.cachedTokens());
    }

    private static RequestError error(Failure failure) {
        return failure == null ? null : new RequestError(failure.httpStatus(), failure.kind().name(), failure.message());
    }
}
