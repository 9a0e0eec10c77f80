package io.perfsweep.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.perfsweep.events.PointWorker;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.Slo;
import io.perfsweep.store.PointShareRow;

/**
 * One try of a shared point as its coordinator sees it: what each share last reported and when, and the exact merge
 * of a complete attempt. Reports arrive on a NATS dispatcher thread while the coordinator's lane polls, hence the
 * synchronisation.
 */
final class SharedAttempt {

    private final String id;
    private final String[] instances;
    private final long[] lastSeenMillis;
    private final boolean[] ready;
    private final boolean[] done;
    private String failure;
    private boolean voided;
    private long startAtEpochMillis;

    SharedAttempt(String id, int shares) {
        this.id = id;
        this.instances = new String[shares];
        this.lastSeenMillis = new long[shares];
        this.ready = new boolean[shares];
        this.done = new boolean[shares];
    }

    String id() {
        return id;
    }

    /** Takes a worker's report; returns whether the attempt still stands (the answer to a ready). */
    synchronized boolean report(ShareReport report, long nowMillis) {
        int share = report.shareIndex();
        if (voided || share < 0 || share >= instances.length) {
            return false;
        }
        instances[share] = report.instance();
        lastSeenMillis[share] = nowMillis;
        switch (report.kind()) {
            case READY -> ready[share] = true;
            case DONE -> {
                ready[share] = true;
                done[share] = true;
            }
            case FAILED -> failure = failure != null ? failure
                    : "share " + share + " on " + report.instance() + " failed: " + report.detail();
            case ALIVE -> {
            }
        }
        return true;
    }

    synchronized void done(int share) {
        ready[share] = true;
        done[share] = true;
    }

    synchronized void voided() {
        voided = true;
    }

    /** The agreed start, epoch ms on the coordinator's clock, or 0 until every share was ready. */
    synchronized long startAtEpochMillis() {
        return startAtEpochMillis;
    }

    synchronized void startAt(long epochMillis) {
        startAtEpochMillis = epochMillis;
    }

    synchronized boolean allReady() {
        for (boolean r : ready) {
            if (!r) {
                return false;
            }
        }
        return true;
    }

    synchronized boolean allDone() {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why the attempt must be voided now, or null: a share failed, a share was not ready by {@code readyByMillis}
     * (no instance took it in time), or a running share has not reported for {@code silenceMillis}.
     */
    synchronized String problem(long nowMillis, long readyByMillis, long silenceMillis) {
        if (failure != null) {
            return failure;
        }
        for (int share = 0; share < instances.length; share++) {
            if (!ready[share] && nowMillis > readyByMillis) {
                return "share " + share + " was not ready in time"
                        + (instances[share] == null ? " (no instance took it)" : " (taken by " + instances[share] + ")");
            }
            if (silent(share, nowMillis, silenceMillis)) {
                return "share " + share + " on " + instances[share] + " went silent for " + silenceMillis / 1000
                        + " s (the instance died or lost NATS)";
            }
        }
        return null;
    }

    /** Whether a running share has not reported for {@code silenceMillis}. */
    synchronized boolean anySilent(long nowMillis, long silenceMillis) {
        for (int share = 0; share < instances.length; share++) {
            if (silent(share, nowMillis, silenceMillis)) {
                return true;
            }
        }
        return false;
    }

    private boolean silent(int share, long nowMillis, long silenceMillis) {
        return !done[share] && instances[share] != null && nowMillis - lastSeenMillis[share] > silenceMillis;
    }

    /**
     * The point from the union of its shares' records: the same summarizer as one instance's point (percentiles of the
     * merged values, never averaged percentiles; the window and achieved concurrency over the shared timeline), the
     * least healthy share's client verdict, and the workers.
     *
     * @throws IllegalStateException when a share is missing or its records are not all there
     */
    static Merged merge(LoadPoint point, Slo slo, List<PointShareRow> rows, int shareCount, List<RequestRecord> records,
            Instant startTime) {
        long expected = rows.stream().mapToLong(r -> r.recordCount() == null ? -1 : r.recordCount()).sum();
        if (rows.size() != shareCount || !rows.stream().allMatch(PointShareRow::done) || expected != records.size()) {
            throw new IllegalStateException("the shares of point " + point.label() + " are incomplete: " + rows.size()
                    + " of " + shareCount + " shares, " + records.size() + " records of " + expected);
        }
        var workers = new ArrayList<PointWorker>();
        ClientHealth health = null;
        int streams = 0;
        for (PointShareRow row : rows) {
            workers.add(new PointWorker(row.instance(), row.concurrency(), row.requests(), row.startSkewMs()));
            streams += row.concurrency() == null ? 0 : row.concurrency();
            if (row.clientHealth() != null) {
                ClientHealth share = ClientHealth.fromJson(row.clientHealth());
                health = health == null || share.verdict().ordinal() > health.verdict().ordinal() ? share : health;
            }
        }
        var summary = PointSummarizer.summarize(records, slo);
        if (health != null) {
            summary = summary.withClientHealth(health);
        }
        return new Merged(new PointResult(point, summary, records, List.of(), streams, startTime, Instant.now()),
                List.copyOf(workers));
    }

    /** A merged point and the instances that drove it. */
    record Merged(PointResult result, List<PointWorker> workers) {
    }
}
