package io.perfsweep.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every tunable of perfsweep under the {@code perfsweep.} prefix; defaults follow Dynamo's benchmarking seeds. */
@ConfigMapping(prefix = "perfsweep")
public interface PerfsweepConfig {

    /** Defaults of a sweep when a job or the CLI does not say otherwise. */
    Sweep sweep();

    /** The streaming HTTP client. */
    Client client();

    /** The built-in mock engine used when no endpoint URL is given. */
    Mock mock();

    /** The long-running service: job intake and events. */
    Service service();

    /** NATS JetStream: where jobs come from and events go. */
    Nats nats();

    /** Service mode. */
    interface Service {
        /**
         * Whether this process runs the service (NATS intake, job runner). CLI commands switch it off so they open no
         * connection they do not use. Defaults to {@code true}.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** NATS JetStream settings. */
    interface Nats {
        /** Server URL(s), comma-separated. Defaults to {@code nats://127.0.0.1:4222}. */
        @WithDefault("nats://127.0.0.1:4222")
        String url();

        /** JetStream stream holding jobs and events (retention by limits). Defaults to {@code PERFSWEEP}. */
        @WithDefault("PERFSWEEP")
        String stream();

        /** Subject jobs are published to. Defaults to {@code perfsweep.jobs}. */
        @WithDefault("perfsweep.jobs")
        String jobsSubject();

        /** Subject prefix of published events. Defaults to {@code perfsweep.events}. */
        @WithDefault("perfsweep.events")
        String eventsSubjectPrefix();

        /** Subject on which a job id is published to cancel it. Defaults to {@code perfsweep.cancel}. */
        @WithDefault("perfsweep.cancel")
        String cancelSubject();

        /** Durable pull consumer shared by every perfsweep instance. Defaults to {@code perfsweep-job-worker}. */
        @WithDefault("perfsweep-job-worker")
        String durable();

        /**
         * How long a delivered job may go without an ack or in-progress signal before JetStream redelivers it.
         * Running jobs signal progress well within it. Defaults to {@code 60s}.
         */
        @WithDefault("60s")
        Duration ackWait();

        /** Deliveries of one job message before JetStream gives up on it. Defaults to {@code 5}. */
        @WithDefault("5")
        int maxDeliver();

        /** Duplicate window of the stream, for {@code Nats-Msg-Id} deduplication. Defaults to {@code 10m}. */
        @WithDefault("10m")
        Duration duplicateWindow();
    }

    /** Sweep defaults. */
    interface Sweep {
        /** Concurrency levels, run one after another. Defaults to {@code 1,2,5,10,50,100,250}. */
        @WithDefault("1,2,5,10,50,100,250")
        List<Integer> concurrencies();

        /** Model name sent in requests and used to find the tokenizer. Defaults to {@code Qwen/Qwen3-0.6B}. */
        @WithDefault("Qwen/Qwen3-0.6B")
        String model();

        /** Mean input sequence length in tokens. Defaults to {@code 2000}. */
        @WithDefault("2000")
        int isl();

        /** Standard deviation of the input sequence length in tokens. Defaults to {@code 10}. */
        @WithDefault("10")
        int islStd();

        /** Output sequence length in tokens, sent as {@code max_tokens}. Defaults to {@code 256}. */
        @WithDefault("256")
        int osl();

        /** Seed of the synthetic prompt generator. Defaults to {@code 100}, as Dynamo's perf.sh. */
        @WithDefault("100")
        long seed();
    }

    /** Streaming client settings. */
    interface Client {
        /** Longest time one request may take from send to the end of its stream. Defaults to {@code 10m}. */
        @WithDefault("10m")
        Duration requestTimeout();

        /** Longest silence on a stream before the request fails as a timeout. Defaults to {@code 60s}. */
        @WithDefault("60s")
        Duration idleTimeout();

        /** Extra headers sent with every request, e.g. {@code perfsweep.client.headers.Authorization}. */
        Map<String, String> headers();
    }

    /** Built-in mock engine settings. */
    interface Mock {
        /** Speed-up ratio of the simulated engine: prefill and decode times are divided by it. Defaults to {@code 10}. */
        @WithDefault("10")
        double speedupRatio();
    }
}
