package io.perfsweep.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.perfsweep.config.PerfsweepConfig;
import io.quarkus.logging.Log;

/**
 * The JetStream streams and the job consumer, exactly as configured, applied at every start: created when absent,
 * updated when the configuration changed (limits, ack wait, max deliver), so a changed setting takes effect with the
 * next rollout instead of only on a fresh server.
 * <p>
 * Jobs and events live in two streams so that each is bounded on its own: the jobs stream by
 * {@code perfsweep.nats.jobs-max-*}, the events stream by {@code perfsweep.nats.events-max-*}; both drop their oldest
 * messages first. An older perfsweep kept the events in the jobs stream: its subjects are moved to the events stream
 * on the first start (the events stored before stay in the jobs stream until its max age).
 */
public final class JetStreamTopology {

    private JetStreamTopology() {
    }

    /** The events stream's name: configured, or the jobs stream's + {@code _EVENTS}. */
    static String eventsStream(PerfsweepConfig.Nats config) {
        return config.eventsStream().orElse(config.stream() + "_EVENTS");
    }

    /**
     * The subject of scale-out shares: {@code perfsweep.nats.work-subject}, else the jobs subject with a last token
     * {@code jobs} replaced by {@code work} (else with {@code .work} appended).
     */
    public static String workSubject(PerfsweepConfig.Nats config) {
        return config.workSubject().orElseGet(() -> {
            String jobs = config.jobsSubject();
            return jobs.equals("jobs") || jobs.endsWith(".jobs") ? jobs.substring(0, jobs.length() - 4) + "work"
                    : jobs + ".work";
        });
    }

    /** The work stream's name (scale-out shares): the jobs stream's + {@code _WORK}. */
    public static String workStream(PerfsweepConfig.Nats config) {
        return config.stream() + "_WORK";
    }

    /** The durable consumer of the work stream every instance pulls shares from: the job consumer's + {@code -shares}. */
    public static String workDurable(PerfsweepConfig.Nats config) {
        return config.durable() + "-shares";
    }

    /** Creates or updates the streams, then the durable job and share consumers. */
    static void apply(JetStreamManagement jsm, PerfsweepConfig.Nats config) throws IOException, JetStreamApiException {
        List<String> streams = jsm.getStreamNames();
        // the jobs stream first: it may still hold the events' subjects, which two streams cannot share
        addOrUpdate(jsm, streams, StreamConfiguration.builder().name(config.stream())
                .subjects(config.jobsSubject()).retentionPolicy(RetentionPolicy.Limits).storageType(StorageType.File)
                .discardPolicy(DiscardPolicy.Old).duplicateWindow(config.duplicateWindow())
                .maxAge(config.jobsMaxAge()).maxBytes(config.jobsMaxBytes()).maxMessages(config.jobsMaxMessages())
                .build());
        addOrUpdate(jsm, streams, StreamConfiguration.builder().name(eventsStream(config))
                .subjects(config.eventsSubjectPrefix() + ".>").retentionPolicy(RetentionPolicy.Limits)
                .storageType(StorageType.File).discardPolicy(DiscardPolicy.Old).duplicateWindow(config.duplicateWindow())
                .maxAge(config.eventsMaxAge()).maxBytes(config.eventsMaxBytes()).build());
        jsm.addOrUpdateConsumer(config.stream(), ConsumerConfiguration.builder().durable(config.durable())
                .filterSubject(config.jobsSubject()).ackPolicy(AckPolicy.Explicit).ackWait(config.ackWait())
                .maxDeliver(config.maxDeliver()).build());
        // Shares: a work queue (a share is removed once one instance acknowledged it); a share not taken within a
        // minute is useless (its start has passed), so the stream keeps none longer.
        addOrUpdate(jsm, streams, StreamConfiguration.builder().name(workStream(config))
                .subjects(workSubject(config)).retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File).discardPolicy(DiscardPolicy.Old)
                .duplicateWindow(Duration.ofMinutes(1)).maxAge(Duration.ofMinutes(1)).build());
        jsm.addOrUpdateConsumer(workStream(config), ConsumerConfiguration.builder().durable(workDurable(config))
                .filterSubject(workSubject(config)).ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofSeconds(30))
                .maxDeliver(1).build());
    }

    private static void addOrUpdate(JetStreamManagement jsm, List<String> existing, StreamConfiguration wanted)
            throws IOException, JetStreamApiException {
        if (!existing.contains(wanted.getName())) {
            jsm.addStream(wanted);
            return;
        }
        StreamInfo current = jsm.getStreamInfo(wanted.getName());
        StreamConfiguration now = current.getConfiguration();
        if (!now.getSubjects().equals(wanted.getSubjects()) || now.getMaxAge().compareTo(wanted.getMaxAge()) != 0
                || now.getMaxBytes() != wanted.getMaxBytes() || now.getMaxMsgs() != wanted.getMaxMsgs()
                || now.getDiscardPolicy() != wanted.getDiscardPolicy()
                || now.getDuplicateWindow().compareTo(wanted.getDuplicateWindow()) != 0) {
            jsm.updateStream(wanted);
            Log.infof("JetStream stream %s updated to the configuration (subjects %s, max age %s, max bytes %d,"
                    + " max messages %d)", wanted.getName(), wanted.getSubjects(), wanted.getMaxAge(),
                    wanted.getMaxBytes(), wanted.getMaxMsgs());
        }
    }
}
