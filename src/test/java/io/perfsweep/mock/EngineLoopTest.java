package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineLoopTest {

    private final ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor();
    private final List<EngineLoop.IterationTiming> timings = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEngine() {
        engineThread.shutdownNow();
    }

    /** A sink that counts down when the last token is out. */
    private static final class LatchSink implements TokenSink {
        final CountDownLatch done = new CountDownLatch(1);
        int tokens;

        @Override
        public void onAdmitted(int cachedTokens) {
        }

        @Override
        public void onPreempted() {
        }

        @Override
        public void onTokens(int firstIndex, int count, boolean last) {
            tokens += count;
            if (last) {
                done.countDown();
            }
        }
    }

    private LatchSink run(MockEngineConfig config, int promptTokens, int maxTokens, boolean countReceipt)
            throws InterruptedException {
        FaultInjector faults = new FaultInjector(config);
        EngineLoop loop = new EngineLoop(new EngineScheduler(config), engineThread, faults, timings::add);
        LatchSink sink = new LatchSink();
        int[] ids = IntStream.range(0, promptTokens).toArray();
        if (countReceipt) {
            faults.onRequestReceived(System.nanoTime());
        }
        loop.submit(new EngineRequest(1, promptTokens, KvBlockManager.blockHashes(ids, 64), maxTokens, sink));
        assertThat(sink.done.await(10, TimeUnit.SECONDS)).isTrue();
        return sink;
    }

    @Test
    void iterationsFollowAnAbsoluteScheduleWithoutDrift() throws InterruptedException {
        LatchSink sink = run(MockEngineConfig.simulated(5.0), 100, 60, false);

        assertThat(sink.tokens).isEqualTo(60);
        assertThat(timings).hasSize(60);
        long summedNanos = 0;
        for (int i = 0; i < timings.size(); i++) {
            EngineLoop.IterationTiming t = timings.get(i);
            assertThat(t.scheduledEndNanos() - t.startNanos()).isEqualTo(t.iteration().iterationNanos());
            assertThat(t.actualEndNanos()).isGreaterThanOrEqualTo(t.scheduledEndNanos());
            if (i > 0) {
                assertThat(t.startNanos()).isEqualTo(timings.get(i - 1).scheduledEndNanos());
            }
            summedNanos += t.iteration().iterationNanos();
        }
        EngineLoop.IterationTiming last = timings.get(timings.size() - 1);
        assertThat(last.scheduledEndNanos() - timings.get(0).startNanos()).isEqualTo(summedNanos);
        // late wake-ups do not add up: the last iteration is as punctual as any single one
        assertThat(last.actualEndNanos() - last.scheduledEndNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void oneShotStallHoldsTheLoopAndShiftsTheSchedule() throws InterruptedException {
        long before = System.nanoTime();
        run(MockEngineConfig.simulated(10.0).withStall(1, 150), 64, 5, true);

        long firstStart = timings.get(0).startNanos();
        assertThat(firstStart - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(timings.get(4).startNanos()).isEqualTo(timings.get(3).scheduledEndNanos());
    }
}
