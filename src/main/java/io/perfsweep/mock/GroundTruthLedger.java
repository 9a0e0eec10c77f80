package io.perfsweep.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** Every request's {@link TruthRecorder}, by id and in arrival order, keeping at most a fixed number (oldest dropped). */
final class GroundTruthLedger {

    private final int capacity;
    private final Map<String, TruthRecorder> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<TruthRecorder> inArrivalOrder = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    GroundTruthLedger(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a record; a reused request id now points at the newer one. */
    void add(TruthRecorder recorder) {
        byId.put(recorder.requestId(), recorder);
        inArrivalOrder.addLast(recorder);
        if (size.incrementAndGet() > capacity) {
            TruthRecorder oldest = inArrivalOrder.pollFirst();
            if (oldest != null) {
                size.decrementAndGet();
                byId.remove(oldest.requestId(), oldest);
            }
        }
    }

    List<MockRequestTruth> snapshots() {
        List<MockRequestTruth> all = new ArrayList<>();
        for (TruthRecorder recorder : inArrivalOrder) {
            all.add(recorder.snapshot());
        }
        return all;
    }

    Optional<MockRequestTruth> snapshot(String requestId) {
        return Optional.ofNullable(byId.get(requestId)).map(TruthRecorder::snapshot);
    }
}
