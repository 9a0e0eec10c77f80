package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class EngineSchedulerTest {

    private static EngineRequest request(long id, int[] prompt, int maxTokens, int blockSize, RecordingSink sink) {
        return new EngineRequest(id, prompt.length, KvBlockManager.blockHashes(prompt, blockSize), maxTokens, sink);
    }

    private static int[] prompt(int from, int tokens) {
        return IntStream.range(from, from + tokens).toArray();
    }

    /** Runs iterations until idle (bounded) and returns them. */
    private static List<EngineScheduler.Iteration> drain(EngineScheduler scheduler) {
        List<EngineScheduler.Iteration> iterations = new ArrayList<>();
        for (int i = 0; i < 100_000 && !scheduler.idle(); i++) {
            EngineScheduler.Iteration iteration = scheduler.schedule();
            scheduler.complete(iteration);
            iterations.add(iteration);
        }
        assertThat(scheduler.idle()).as("engine drained").isTrue();
        return iterations;
    }

    @Test
    void longPromptIsPrefilledInChunksOfTheTokenBudget() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        RecordingSink sink = new RecordingSink();
        scheduler.submit(request(1, prompt(0, 20_000), 3, 64, sink));

        List<EngineScheduler.Iteration> iterations = drain(scheduler);

        assertThat(iterations).extracting(EngineScheduler.Iteration::prefillTokens)
                .containsExactly(8192L, 8192L, 3616L, 0L, 0L);
        assertThat(iterations.get(0).prefillMillis()).isCloseTo(PerfModel.rawPrefillMillis(8192), within(1e-9));
        assertThat(iterations.get(0).decodeMillis()).isZero(); // nothing emits while the prompt is incomplete
        assertThat(iterations.get(2).decodeMillis()).isGreaterThan(5.74); // first token comes out of iteration 3
        assertThat(sink.tokenIndexes).containsExactly(0, 1, 2);
        assertThat(sink.cachedTokens).isZero();
    }

    @Test
    void batchNeverExceedsMaxNumSeqs() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RecordingSink sink = new RecordingSink();
            sinks.add(sink);
            scheduler.submit(request(i, prompt(i * 10, 10), 5, 64, sink));
        }
        EngineScheduler.Iteration first = scheduler.schedule();
        assertThat(first.batch()).hasSize(256);
        assertThat(scheduler.waitingCount()).isEqualTo(44);
        scheduler.complete(first);

        List<EngineScheduler.Iteration> rest = drain(scheduler);
        assertThat(rest).allSatisfy(it -> assertThat(it.batch()).hasSizeLessThanOrEqualTo(256));
        assertThat(sinks).allSatisfy(s -> {
            assertThat(s.tokenIndexes).containsExactly(0, 1, 2, 3, 4);
            assertThat(s.lastFlags).isEqualTo(1);
        });
    }

    @Test
    void tokenBudgetLimitsAdmission() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        for (int i = 0; i < 5; i++) {
            scheduler.submit(request(i, prompt(i * 3000, 3000), 2, 64, new RecordingSink()));
        }
        EngineScheduler.Iteration first = scheduler.schedule();
        assertThat(first.prefillTokens()).isEqualTo(8192); // 3000 + 3000 + a 2192-token chunk of the third
        assertThat(first.batch()).hasSize(3);
    }

    @Test
    void everyRequestEmitsExactlyMaxTokens() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingSink sink = new RecordingSink();
            sinks.add(sink);
            scheduler.submit(request(i, prompt(i * 1000, 100 + 97 * i), 1 + 13 * i, 64, sink));
        }
        drain(scheduler);
        for (int i = 0; i < 20; i++) {
            assertThat(sinks.get(i).tokenIndexes).hasSize(1 + 13 * i).isSorted();
            assertThat(sinks.get(i).lastFlags).isEqualTo(1);
        }
        assertThat(scheduler.kv().activeBlocks()).isZero();
    }

    @Test
    void identicalPromptHitsThePrefixCacheAndPrefillsOnlyTheRest() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        int[] ids = prompt(7, 1000);
        scheduler.submit(request(1, ids, 2, 64, new RecordingSink()));
        drain(scheduler);
        RecordingSink second = new RecordingSink();
        scheduler.submit(request(2, ids, 2, 64, second));
        List<EngineScheduler.Iteration> iterations = drain(scheduler);
        assertThat(second.cachedTokens).isEqualTo(960); // 15 full blocks of 64
        assertThat(iterations.get(0).prefillTokens()).isEqualTo(40);
    }

    @Test
    void fullyCachedPromptStillComputesItsLastBlock() {
        EngineScheduler scheduler = new EngineScheduler(MockEngineConfig.simulated(1.0));
        int[] ids = prompt(7, 128);
        scheduler.submit(request(1, ids, 1, 64, new RecordingSink()));
        drain(scheduler);
        RecordingSink second = new RecordingSink();
        scheduler.submit(request(2, ids, 1, 64, second));
        assertThat(scheduler.schedule().prefillTokens()).isEqualTo(64);
        assertThat(second.cachedTokens).isEqualTo(64);
    }

    @Test
    void decodeAllocationFailurePreemptsTheNewestRequestWhichIsRecomputedLater() {
        MockEngineConfig config = MockEngineConfig.simulated(1.0).withBlockSize(4).withNumGpuBlocks(10);
        EngineScheduler scheduler = new EngineScheduler(config);
        RecordingSink older = new RecordingSink();
        RecordingSink newer = new RecordingSink();
        scheduler.submit(request(1, prompt(0, 16), 20, 4, older));
        scheduler.submit(request(2, prompt(100, 16), 20, 4, newer));

        List<EngineScheduler.Iteration> iterations = drain(scheduler);

        assertThat(newer.preemptions).isPositive();
        assertThat(older.preemptions).isZero(); // LIFO: the most recently admitted goes first
        assertThat(scheduler.preemptionsTotal()).isEqualTo(newer.preemptions);
        assertThat(iterations).anySatisfy(it -> assertThat(it.preempted()).isPositive());
        assertThat(older.tokenIndexes).hasSize(20).isSorted();
        assertThat(newer.tokenIndexes).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(scheduler.kv().activeBlocks()).isZero();
    }

    @Test
    void decodeTimeFollowsKvUsage() {
        MockEngineConfig config = MockEngineConfig.simulated(1.0).withNumGpuBlocks(20);
        EngineScheduler scheduler = new EngineScheduler(config);
        scheduler.submit(request(1, prompt(0, 640), 3, 64, new RecordingSink())); // 10 of 20 blocks
        EngineScheduler.Iteration first = scheduler.schedule();
        assertThat(first.decodeMillis()).isCloseTo(PerfModel.rawDecodeMillis(0.5), within(1e-9));
    }
}
