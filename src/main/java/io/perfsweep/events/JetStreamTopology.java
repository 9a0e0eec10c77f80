package io.perfsweep.events;

import java.io.IOException;
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
final class JetStreamTopology {

    private JetStreamTopology() {
    }

    /** The events stream's name: configured, or the jobs stream's + {@code _EVENTS}. */
    static String eventsStream(PerfsweepConfig.Nats config) {
        return config.eventsStream().orElse(config.stream() + "_EVENTS");
    }

    /** Creates or updates both streams, then the durable job consumer. */
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
