package io.perfsweep.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.testsupport.NatsServerResource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The streams and the job and share consumers on a real JetStream server: bounded, separate, and updated when settings
 * change.
 */
class JetStreamTopologyTest {

    private final String run = "topo" + UUID.randomUUID().toString().substring(0, 8);
    private Connection nats;
    private JetStreamManagement jsm;

    @BeforeEach
    void connect() throws Exception {
        nats = Nats.connect(NatsServerResource.url());
        jsm = nats.jetStreamManagement();
    }

    @AfterEach
    void close() throws Exception {
        for (String stream : jsm.getStreamNames()) {
            if (stream.startsWith(run.toUpperCase())) {
                jsm.deleteStream(stream);
            }
        }
        nats.close();
    }

    @Test
    void aFreshServerGetsBoundedJobAndEventStreamsAndTheConsumer() throws Exception {
        PerfsweepConfig.Nats config = config(Map.of());
        JetStreamTopology.apply(jsm, config);

        StreamConfiguration jobs = jsm.getStreamInfo(run.toUpperCase()).getConfiguration();
        assertThat(jobs.getSubjects()).containsExactly(run + ".jobs");
        assertThat(jobs.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(jobs.getMaxBytes()).isEqualTo(1L << 30);
        assertThat(jobs.getMaxMsgs()).isEqualTo(1_000_000);
        StreamConfiguration events = jsm.getStreamInfo(run.toUpperCase() + "_EVENTS").getConfiguration();
        assertThat(events.getSubjects()).containsExactly(run + ".events.>");
        assertThat(events.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(events.getMaxBytes()).isEqualTo(1L << 30);
        var consumer = jsm.getConsumerInfo(run.toUpperCase(), run + "-worker").getConsumerConfiguration();
        assertThat(consumer.getAckWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(consumer.getMaxDeliver()).isEqualTo(5);
        StreamConfiguration work = jsm.getStreamInfo(run.toUpperCase() + "_WORK").getConfiguration();
        assertThat(work.getSubjects()).as("beside the jobs subject").containsExactly(run + ".work");
        assertThat(work.getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
        assertThat(jsm.getConsumerInfo(run.toUpperCase() + "_WORK", run + "-worker-shares").getConsumerConfiguration()
                .getMaxDeliver()).as("a share is taken once; a lost one voids its attempt").isEqualTo(1);

        nats.jetStream().publish(run + ".events.job.completed", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(jsm.getStreamInfo(run.toUpperCase() + "_EVENTS").getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(jsm.getStreamInfo(run.toUpperCase()).getStreamState().getMsgCount()).isZero();
    }

    @Test
    void changedSettingsAndAnOlderSharedStreamAreAppliedAtStart() throws Exception {
        // what an older perfsweep created: one unbounded stream for jobs and events
        jsm.addStream(StreamConfiguration.builder().name(run.toUpperCase())
                .subjects(run + ".jobs", run + ".events.>").retentionPolicy(RetentionPolicy.Limits)
                .storageType(StorageType.File).build());
        JetStreamTopology.apply(jsm, config(Map.of()));

        JetStreamTopology.apply(jsm, config(Map.of("perfsweep.nats.ack-wait", "90s", "perfsweep.nats.max-deliver", "3",
                "perfsweep.nats.jobs-max-age", "2d", "perfsweep.nats.events-max-bytes", "1048576")));

        StreamConfiguration jobs = jsm.getStreamInfo(run.toUpperCase()).getConfiguration();
        assertThat(jobs.getSubjects()).containsExactly(run + ".jobs");
        assertThat(jobs.getMaxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(jsm.getStreamInfo(run.toUpperCase() + "_EVENTS").getConfiguration().getMaxBytes())
                .isEqualTo(1_048_576);
        var consumer = jsm.getConsumerInfo(run.toUpperCase(), run + "-worker").getConsumerConfiguration();
        assertThat(consumer.getAckWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(consumer.getMaxDeliver()).isEqualTo(3);
        assertThat(jsm.getStreamNames()).filteredOn(name -> name.startsWith(run.toUpperCase()))
                .containsExactlyInAnyOrder(List.of(run.toUpperCase(), run.toUpperCase() + "_EVENTS",
                        run.toUpperCase() + "_WORK")
                        .toArray(String[]::new));
    }

    private PerfsweepConfig.Nats config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of("perfsweep.nats.stream", run.toUpperCase(),
                "perfsweep.nats.jobs-subject", run + ".jobs", "perfsweep.nats.events-subject-prefix", run + ".events",
                "perfsweep.nats.durable", run + "-worker"));
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(PerfsweepConfig.class)
                .build();
        return config.getConfigMapping(PerfsweepConfig.class).nats();
    }
}
