package io.perfsweep.mock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The clock-free core of the simulated engine: what one iteration schedules and how long it takes, after Dynamo mocker's
 * vLLM-v1 core ({@code lib/mocker/src/scheduler/vllm/core.rs}, {@code execute_pass_internal}).
 * <ol>
 * <li>Running requests first spend the token budget ({@code maxNumBatchedTokens}): a prefill takes a chunk of what is
 * left of its prompt, a decode takes 1 token. A failed KV allocation preempts the most recently admitted running request
 * (LIFO), which goes back to the head of the waiting queue and is recomputed later.</li>
 * <li>Then waiting requests are admitted in FIFO order while the budget, {@code maxNumSeqs} and the KV pool allow; an
 * admitted request starts from its prefix-cache hit. Nothing is admitted in an iteration that preempted.</li>
 * <li>{@code prefillMillis} = the model over the new tokens of the batch; every request whose prompt is fully computed at
 * the end of the iteration emits one token, and then {@code decodeMillis} = the model at the KV utilisation.</li>
 * </ol>
 * Not thread-safe: {@link #schedule()} and {@link #complete(Iteration)} run on the engine thread.
 */
final class EngineScheduler {

    /** What one iteration does: its requests, its durations and whom it preempted. */
    record Iteration(List<EngineRequest> batch, long prefillTokens, double prefillMillis, double decodeMillis,
            int preempted) {

        double iterationMillis() {
            return prefillMillis + decodeMillis;
        }

        long iterationNanos() {
            return Math.round(iterationMillis() * 1_000_000.0);
        }
    }

    private final MockEngineConfig config;
    private final PerfModel perfModel;
    private final KvBlockManager kv;
    private final Deque<EngineRequest> waiting = new ArrayDeque<>();
    private final List<EngineRequest> running = new ArrayList<>();
    private long preemptionsTotal;
    private long prefixCacheQueries;
    private long prefixCacheHits;

    EngineScheduler(MockEngineConfig config) {
        this.config = config;
        this.perfModel = new PerfModel(config.speedupRatio(), config.decodeSpeedupRatio());
        this.kv = new KvBlockManager(config.blockSize(), config.numGpuBlocks());
    }

    /** Whether a request of this size can ever fit in the KV pool. */
    boolean fits(int promptTokens, int maxTokens) {
        return kv.blocksFor((long) promptTokens + maxTokens) <= config.numGpuBlocks();
    }

    void submit(EngineRequest request) {
        waiting.addLast(request);
    }

    boolean idle() {
        return waiting.isEmpty() && running.isEmpty();
    }

    /** Plans the next iteration; an empty batch means there is nothing to do. */
    Iteration schedule() {
        dropCancelled();
        int budgetTokens = config.maxNumBatchedTokens();
        long prefillTokens = 0;
        int preempted = 0;
        List<EngineRequest> batch = new ArrayList<>();
        for (int i = 0; i < running.size() && budgetTokens > 0; i++) {
            EngineRequest request = running.get(i);
            int tokens = request.prefillDone() ? 1 : Math.min(request.prefillTargetTokens - request.kvTokens, budgetTokens);
            while (!kv.grow(request.sequenceId, (long) request.kvTokens + tokens)) {
                EngineRequest victim = running.remove(running.size() - 1);
                preempt(victim);
                preempted++;
                if (victim == request) {
                    break;
                }
            }
            if (i >= running.size() || running.get(i) != request) {
                break;
            }
            plan(request, tokens, batch);
            budgetTokens -= tokens;
            prefillTokens += request.prefillDone() ? 0 : tokens;
        }
        while (preempted == 0 && budgetTokens > 0 && running.size() < config.maxNumSeqs() && !waiting.isEmpty()) {
            EngineRequest request = waiting.peekFirst();
            int hitBlocks = Math.min(kv.prefixHitBlocks(request.blockHashes),
                    (request.prefillTargetTokens - 1) / config.blockSize());
            int hitTokens = hitBlocks * config.blockSize();
            int tokens = Math.min(request.prefillTargetTokens - hitTokens, budgetTokens);
            if (!kv.allocate(request.sequenceId, request.blockHashes, hitBlocks, (long) hitTokens + tokens)) {
                break;
            }
            waiting.pollFirst();
            running.add(request);
            request.kvTokens = hitTokens;
            if (!request.admitted) {
                request.admitted = true;
                request.cachedTokens = hitTokens;
                prefixCacheQueries += request.promptTokens;
                prefixCacheHits += hitTokens;
                request.sink.onAdmitted(hitTokens);
            }
            plan(request, tokens, batch);
            budgetTokens -= tokens;
            prefillTokens += tokens;
        }
        return timed(batch, prefillTokens, preempted);
    }

    private void plan(EngineRequest request, int tokens, List<EngineRequest> batch) {
        request.scheduledTokens = tokens;
        request.emitsThisIteration = request.kvTokens + tokens >= request.prefillTargetTokens;
        batch.add(request);
    }

    private Iteration timed(List<EngineRequest> batch, long prefillTokens, int preempted) {
        boolean anyEmits = batch.stream().anyMatch(r -> r.emitsThisIteration);
        double prefillMillis = perfModel.prefillMillis(prefillTokens);
        double decodeMillis = anyEmits ? perfModel.decodeMillis(kv.usage()) : 0;
        return new Iteration(List.copyOf(batch), prefillTokens, prefillMillis, decodeMillis, preempted);
    }

    private void preempt(EngineRequest victim) {
        kv.release(victim.sequenceId);
        victim.kvTokens = 0;
        victim.prefillTargetTokens = victim.promptTokens + victim.generatedTokens;
        victim.preemptions++;
        preemptionsTotal++;
        victim.sink.onPreempted();
        waiting.addFirst(victim);
    }

    /** Applies a planned iteration once its time has passed: KV grows, tokens come out, finished requests leave. */
    void complete(Iteration iteration) {
        for (EngineRequest request : iteration.batch()) {
            if (request.cancelled || !running.contains(request)) {
                continue;
            }
            request.kvTokens += request.scheduledTokens;
            kv.commitPromptBlocks(request.sequenceId, request.blockHashes, Math.min(request.kvTokens, request.promptTokens));
            if (request.emitsThisIteration) {
                int index = request.generatedTokens++;
                boolean last = request.generatedTokens >= request.maxTokens;
                request.sink.onTokens(index, 1, last);
                if (last) {
                    running.remove(request);
                    kv.release(request.sequenceId);
                }
            }
        }
    }

    private void dropCancelled() {
        running.removeIf(r -> r.cancelled && release(r));
        waiting.removeIf(r -> r.cancelled);
    }

    private boolean release(EngineRequest request) {
        kv.release(request.sequenceId);
        return true;
    }

    int runningCount() {
        return running.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    long preemptionsTotal() {
        return preemptionsTotal;
    }

    /**
     * Prompt tokens looked up in the prefix cache, counted once per request at its first admission (vLLM's
     * {@code prefix_cache_queries}; a recomputation after a preemption is not counted again).
     */
    long prefixCacheQueries() {
        return prefixCacheQueries;
    }

    /** Of {@link #prefixCacheQueries()}, the tokens found in the cache: full blocks only, never the last prompt token. */
    long prefixCacheHits() {
        return prefixCacheHits;
    }

    KvBlockManager kv() {
        return kv;
    }
}
