package io.perfsweep.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.perfsweep.events.JetStreamTopology;
import io.perfsweep.events.NatsClient;
import io.perfsweep.load.LoadPoint;
import io.perfsweep.load.PointResult;
import io.perfsweep.load.PointShares;
import io.perfsweep.load.SweepCancelledException;
import io.perfsweep.load.SweepListener;
import io.perfsweep.load.SweepPlan;
import io.perfsweep.load.SweepRunner;
import io.perfsweep.load.SweepSpec;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.ShareStore;
import io.perfsweep.workload.Tokenizers;
import io.perfsweep.workload.TraceRequest;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * Every instance's side of scale-out (docs/scale-out.md): pulls shares from the work queue one at a time (the
 * coordinator's own instance included), warms up, reports ready and measures its clock offset on that round trip,
 * waits for the agreed start, runs its share with the same runner as a single-instance point, and writes its records
 * by COPY before reporting done. It reports alive every second meanwhile, so a coordinator notices a dead worker; it
 * stops when the attempt is aborted or the job cancelled.
 */
@ApplicationScoped
public class ShareWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    NatsClient nats;

    @Inject
    JobStates states;

    @Inject
    JobSubmissions submissions;

    @Inject
    ShareStore shares;

    @Inject
    InstanceName instance;

    @Inject
    Vertx vertx;

    /** The attempt voided or the job cancelled while its share runs here; cleared when the share ends. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    /** The share running here, or null. */
    private volatile ShareMessage current;
    /** The agreed start of the current share's attempt (epoch ms on the coordinator's clock), once broadcast. */
    private volatile Long agreedStart;
    private volatile boolean running;
    private Thread puller;
    private Dispatcher aborts;

    /** Starts pulling shares; called once at service start-up. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        puller = new Thread(this::pull, "perfsweep-share-worker");
        puller.start();
    }

    /** Stops pulling; a share running here is abandoned, and its coordinator voids its attempt. */
    public synchronized void stop() {
        running = false;
        if (puller != null) {
            puller.interrupt();
        }
    }

    /** A cancel of {@code jobId}: a share of it running here stops between requests. */
    public void cancel(String jobId) {
        ShareMessage share = current;
        if (share != null && share.jobId().equals(jobId)) {
            stopped.add("job:" + jobId);
        }
    }

    /** The start of {@code start.attempt()}: a share of it waiting here starts then. */
    private void start(ShareMessage.Start start) {
        ShareMessage share = current;
        if (share != null && share.attempt().equals(start.attempt())) {
            agreedStart = start.startAtEpochMillis();
        }
    }

    /** An abort of {@code attempt} by its coordinator: a share of it running here stops between requests. */
    private void abort(String attempt) {
        ShareMessage share = current;
        if (share != null && share.attempt().equals(attempt)) {
            stopped.add("attempt:" + attempt);
        }
    }

    private void pull() {
        var config = nats.config();
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (aborts == null) {
                    aborts = nats.connection().createDispatcher(
                            m -> abort(new String(m.getData(), StandardCharsets.UTF_8).trim()));
                    aborts.subscribe(JetStreamTopology.workSubject(config) + ".abort");
                    aborts.subscribe(JetStreamTopology.workSubject(config) + ".start", m -> {
                        try {
                            start(JSON.readValue(m.getData(), ShareMessage.Start.class));
                        } catch (IOException e) {
                            Log.warnf("unreadable share start ignored: %s", e.getMessage());
                        }
                    });
                }
                if (subscription == null) {
                    subscription = nats.jetStream().subscribe(JetStreamTopology.workSubject(config),
                            PullSubscribeOptions.bind(JetStreamTopology.workStream(config),
                                    JetStreamTopology.workDurable(config)));
                    Log.infof("Taking shares from %s as %s", JetStreamTopology.workSubject(config), instance.name());
                }
                for (Message message : subscription.fetch(1, Duration.ofSeconds(1))) {
                    message.ack();
                    handle(JSON.readValue(message.getData(), ShareMessage.class));
                }
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                if (!running) {
                    return;
                }
                Log.warnf("Share worker: %s; trying again in a second", e.toString());
                subscription = null;
                sleep(1000);
            }
        }
    }

    /** Runs one share, reporting its outcome; a share whose start has passed is dropped (its attempt is void). */
    void handle(ShareMessage share) {
        if (System.currentTimeMillis() > share.readyByEpochMillis()) {
            Log.infof("Share %d of job %s point %d dropped: the time to be ready passed before it was taken",
                    share.shareIndex(), share.jobId(), share.pointIndex());
            return;
        }
        Log.infof("Share %d/%d of job %s point %d (attempt %s) taken", share.shareIndex() + 1, share.shares(),
                share.jobId(), share.pointIndex(), share.attempt());
        ScheduledExecutorService alive = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "perfsweep-share-alive"));
        current = share;
        try {
            alive.scheduleAtFixedRate(() -> report(share, ShareReport.Kind.ALIVE, null), 0, 1, TimeUnit.SECONDS);
            run(share);
        } catch (SweepCancelledException e) {
            report(share, ShareReport.Kind.FAILED, "stopped: its attempt was voided or its job cancelled");
        } catch (RuntimeException e) {
            Log.warnf(e, "Share %d of job %s point %d failed", share.shareIndex(), share.jobId(), share.pointIndex());
            report(share, ShareReport.Kind.FAILED, e.getMessage());
        } finally {
            alive.shutdownNow();
            current = null;
            agreedStart = null;
            stopped.clear();
        }
    }

    private void run(ShareMessage share) {
        JobEntity job = states.find(share.jobId())
                .orElseThrow(() -> new IllegalStateException("job " + share.jobId() + " is not in PostgreSQL"));
        PreparedJob prepared = submissions.prepare(share.jobId(), submissions.parser().parse(job.specJson));
        LoadPoint point = share.point();
        SweepSpec whole = prepared.sweep();
        SweepSpec spec = new SweepSpec(whole.benchmarkName(), whole.client(), whole.model(), whole.workload(),
                whole.extras(), new SweepPlan(List.of(point)), whole.slo(), point.isReplay() ? ownRows(share, prepared)
                        : null,
                List.of());
        // streams of a closed loop or a capped rate; an uncapped rate or a replay has no such number
        Integer streams = point.isReplay() || point.isOpenLoop() && !point.openLoop().capped() ? null
                : point.concurrency();
        long shareId = shares.begin(share.key(), instance.name(), share.coordinator(), streams,
                point.isOpenLoop() ? point.openLoop().ratePerSecond() : null, point.requestCount());
        var barrier = new StartBarrier(share);
        var runner = new SweepRunner(vertx, Tokenizers.resolve(prepared.identity().model()));
        PointResult result = runner.runShare(spec, 0, share.promptSeed(), barrier, new SweepListener() {
        }, () -> stopped(share));
        var records = SharedTimeline.of(result.records(), barrier.offsetNanos);
        boolean kept = shares.finish(shareId, records, barrier.startSkewMillis,
                result.summary().health().map(h -> h.toJson()).orElse(null));
        if (!kept) {
            Log.infof("Share %d of job %s point %d finished after its attempt was voided; its records were dropped",
                    share.shareIndex(), share.jobId(), share.pointIndex());
            return;
        }
        report(share, ShareReport.Kind.DONE, null);
        Log.infof("Share %d of job %s point %d done: %d records, started %.1f ms after the agreed start",
                share.shareIndex(), share.jobId(), share.pointIndex(), records.size(), barrier.startSkewMillis);
    }

    /**
     * A replay share's rows: this instance read the job's trace as the coordinator did (an upload in PostgreSQL, a
     * file in {@code perfsweep.traces.dir}, a URL), splits it the same way and keeps its share's sessions, in file
     * order.
     *
     * @throws IllegalStateException when the trace read here is not the one the coordinator split
     */
    private static SweepSpec.TraceSpec ownRows(ShareMessage share, PreparedJob prepared) {
        SweepSpec.TraceSpec trace = prepared.sweep().trace();
        List<TraceRequest> rows = trace.requests();
        String digest = ShareMessage.traceDigest(rows);
        if (!digest.equals(share.traceDigest())) {
            throw new IllegalStateException("the trace this instance read (" + rows.size() + " rows, SHA-256 "
                    + abbreviated(digest) + ") is not the one the coordinator split (SHA-256 "
                    + abbreviated(share.traceDigest()) + "): every instance must read the same trace");
        }
        List<PointShares.Share> split = PointShares.split(prepared.sweep().plan().points().get(share.pointIndex()),
                prepared.workers(), rows);
        PointShares.Share own = split.get(share.shareIndex());
        if (split.size() != share.shares() || own.traceRows().size() != share.requestCount()) {
            throw new IllegalStateException("the trace splits into " + split.size() + " shares here, share "
                    + share.shareIndex() + " of " + own.traceRows().size() + " rows; the coordinator sent "
                    + share.shares() + " shares, this one of " + share.requestCount() + " rows");
        }
        return new SweepSpec.TraceSpec(own.traceRows().stream().map(rows::get).toList(), trace.blockSizeTokens(),
                trace.seed());
    }

    private static String abbreviated(String digest) {
        return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length())) + "…";
    }

    private boolean stopped(ShareMessage share) {
        return stopped.contains("attempt:" + share.attempt()) || stopped.contains("job:" + share.jobId());
    }

    private void report(ShareMessage share, ShareReport.Kind kind, String detail) {
        try {
            nats.connection().publish(share.reportSubject(), JSON.writeValueAsBytes(new ShareReport(kind,
                    share.attempt(), share.shareIndex(), instance.name(), detail)));
        } catch (IOException | RuntimeException e) {
            Log.debugf("share report %s not sent: %s", kind, e.toString());
        }
    }

    /**
     * Reports ready (a request: the coordinator answers with its wall clock), measures this instance's clock offset
     * to the coordinator on that round trip ({@code ours at the midpoint − theirs}), waits for the start the
     * coordinator sets once every share is ready, then sleeps until it on our clock. The start's skew is where this
     * share's window really opened, on the coordinator's clock.
     */
    private final class StartBarrier implements Runnable {
        /** How long after its ready deadline a share waits for the start before it gives up. */
        private static final long START_GRACE_MILLIS = 10_000;
        private final ShareMessage share;
        long offsetNanos;
        double startSkewMillis;

        StartBarrier(ShareMessage share) {
            this.share = share;
        }

        @Override
        public void run() {
            if (!measureOffset()) {
                stopped.add("attempt:" + share.attempt());
                return;
            }
            long giveUp = share.readyByEpochMillis() + START_GRACE_MILLIS;
            while (agreedStart == null && !stopped(share)) {
                if (System.currentTimeMillis() > giveUp) {
                    throw new IllegalStateException("no start from the coordinator " + share.coordinator());
                }
                sleepNanos(10_000_000);
            }
            if (stopped(share)) {
                return;
            }
            long startEpochNanos = agreedStart * 1_000_000 + share.startOffsetNanos() + offsetNanos;
            long waitNanos = startEpochNanos - epochNanos();
            while (waitNanos > 0 && !stopped(share)) {
                sleepNanos(Math.min(waitNanos, 50_000_000));
                waitNanos = startEpochNanos - epochNanos();
            }
            startSkewMillis = (epochNanos() - startEpochNanos) / 1e6;
        }

        /** Reports ready and measures the offset; false when the coordinator says the attempt is void. */
        private boolean measureOffset() {
            long untilReadyBy = share.readyByEpochMillis() - System.currentTimeMillis();
            long sentEpochNanos = epochNanos();
            try {
                Message reply = nats.connection().request(share.reportSubject(), JSON.writeValueAsBytes(
                        new ShareReport(ShareReport.Kind.READY, share.attempt(), share.shareIndex(), instance.name(),
                                null)),
                        Duration.ofMillis(Math.max(untilReadyBy, 1)));
                long receivedEpochNanos = epochNanos();
                if (reply == null) {
                    throw new IllegalStateException("no answer from the coordinator " + share.coordinator()
                            + " by the ready deadline");
                }
                var reading = JSON.readValue(reply.getData(), ShareReport.ClockReading.class);
                offsetNanos = (sentEpochNanos + receivedEpochNanos) / 2 - reading.epochNanos();
                return reading.go();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the start", e);
            } catch (IOException e) {
                throw new IllegalStateException("cannot report ready: " + e.getMessage(), e);
            }
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the start", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
