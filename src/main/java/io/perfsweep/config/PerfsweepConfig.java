package io.perfsweep.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Secrets jobs refer to by name ({@code {"secretRef": "name"}}); values never enter specs, rows or events. */
    Secrets secrets();

    /** Which targets jobs may send traffic to. */
    Targets targets();

    /** The REST API. */
    Api api();

    /** Where trace workloads may come from. */
    Traces traces();

    /**
     * Trace sources of {@code workload.type = trace}: a file under one directory, an upload ({@code POST /api/traces},
     * kept in PostgreSQL), or an {@code http(s)} URL on an allowed host. Jobs arrive from a message bus, so none of
     * them may read an arbitrary file or fetch an arbitrary address.
     */
    interface Traces {
        /**
         * The only directory {@code workload.file} may name a file in (relative paths are resolved in it; paths
         * leaving it, by {@code ..} or a symbolic link, are refused). Defaults to {@code /var/lib/perfsweep/traces}.
         */
        @WithDefault("/var/lib/perfsweep/traces")
        String dir();

        /**
         * Hosts {@code workload.url} may name, matched like {@code perfsweep.targets.allowed-hosts} (exact names or IP
         * literals, {@code *.suffix}, IPv4 CIDR). Defaults to none: no trace is fetched until the operator allows a
         * host.
         */
        Optional<List<String>> allowedHosts();

        /** Largest trace accepted, from any source, in bytes. Defaults to {@code 67108864} (64 MiB). */
        @WithDefault("67108864")
        long maxBytes();

        /** Longest a trace URL may take to answer in full. Defaults to {@code 30s}. */
        @WithDefault("30s")
        Duration fetchTimeout();
    }

    /** REST API settings. */
    interface Api {
        /**
         * Whether mutating endpoints (POST, PUT, PATCH, DELETE under {@code /api}) need an API key. Defaults to
         * {@code true}; only the dev profile switches it off.
         */
        @WithDefault("true")
        boolean authEnabled();

        /**
         * Accepted API keys, sent as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}; give them from a
         * Secret (env {@code PERFSWEEP_API_KEYS}). With none configured, mutating endpoints refuse every request.
         */
        Optional<List<String>> keys();

        /**
         * Largest body the {@code /api/datagen} endpoints take, in bytes; a bigger upload gets 413. Defaults to
         * {@code 8388608} (8 MiB: a 24,000-line Mooncake trace is about 3.5 MB). Above 10 MiB, also raise
         * {@code quarkus.http.limits.max-body-size}, which caps every request first.
         */
        @WithDefault("8388608")
        long datagenMaxBodyBytes();
    }

    /** The long-running service: job intake and events. */
    Service service();

    /** NATS JetStream: where jobs come from and events go. */
    Nats nats();

    /** Where secret values come from. */
    interface Secrets {
        /** Secret values by name, e.g. {@code perfsweep.secrets.values.vllm-api-key=...} (or its env variable). */
        Map<String, String> values();

        /**
         * Directory of mounted secret files (one file per name, as a Kubernetes Secret volume), read when a name is
         * not in {@link #values()}. Defaults to {@code /var/run/secrets/perfsweep}.
         */
        @WithDefault("/var/run/secrets/perfsweep")
        String dir();
    }

    /**
     * The outbound allow-list: jobs arrive from a message bus, so a job may only aim at hosts the operator allows (no
     * SSRF). Checked on the URL's host name as written; names are not resolved.
     */
    interface Targets {
        /**
         * Allowed hosts: exact names or IP literals, {@code *.suffix} wildcards, or IPv4 CIDR blocks. Defaults to
         * loopback and cluster-local service names.
         */
        @WithDefault("localhost,127.0.0.0/8,::1,[::1],*.svc,*.svc.cluster.local")
        List<String> allowedHosts();

        /**
         * Whether a single-label host ({@code vllm-agg-frontend}, a Service in the same namespace) is allowed. Defaults
         * to {@code true}.
         */
        @WithDefault("true")
        boolean allowSingleLabelHosts();
    }

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

        /** JetStream stream holding the jobs (retention by limits). Defaults to {@code PERFSWEEP}. */
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

        /**
         * Subject of the work queue of scale-out shares (a point with {@code load.workers} above 1, docs/scale-out.md);
         * its stream is the jobs stream's name + {@code _WORK}, its durable the job consumer's + {@code -shares}; the
         * instances report on {@code <work-subject>.instance.<id>} and hear starts and aborts on
         * {@code <work-subject>.start} and {@code <work-subject>.abort}.
         * Defaults to the jobs subject with its last token {@code jobs} replaced by {@code work} ({@code perfsweep.work}
         * beside {@code perfsweep.jobs}), so instances on a jobs subject of their own also share work of their own.
         */
        Optional<String> workSubject();

        /**
         * How long the shares of a point have to be taken, warmed up and ready before the attempt is voided (a worker
         * that never starts); a cold instance's first share includes the client's one-time warm-up. Defaults to
         * {@code 60s}.
         */
        @WithDefault("60s")
        Duration shareReadyTimeout();

        /**
         * How far ahead of the moment every share is ready the shared start is set: the start message must reach every
         * instance within it. Defaults to {@code 1s}.
         */
        @WithDefault("1s")
        Duration shareStartLead();

        /**
         * How long a running share may stay silent (a worker reports every second) before its attempt is voided.
         * Defaults to {@code 10s}.
         */
        @WithDefault("10s")
        Duration shareSilenceTimeout();

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

        /**
         * How long a job message waits before it is delivered again after trouble that may pass (the database away, a
         * trace URL not answering). Defaults to {@code 5s}.
         */
        @WithDefault("5s")
        Duration retryDelay();

        /**
         * Job messages the intake handles at once (parse, validate, fetch a trace URL, store); a slow trace URL then
         * holds one of them, not the whole intake. Defaults to {@code 4}.
         */
        @WithDefault("4")
        int intakeParallelism();

        /** Duplicate window of the stream, for {@code Nats-Msg-Id} deduplication. Defaults to {@code 10m}. */
        @WithDefault("10m")
        Duration duplicateWindow();

        /**
         * How long the publication of one event is retried, with the same {@code Nats-Msg-Id}, until JetStream
         * acknowledges it (the server restarting, the connection away); the event is then counted as undelivered. Keep
         * it well below {@link #duplicateWindow()}, within which a retry of an event already stored is dropped as a
         * duplicate. Defaults to {@code 2m}.
         */
        @WithDefault("2m")
        Duration publishRetryTimeout();

        /**
         * How long the jobs stream keeps a job message; older ones are dropped, taken or not. Jobs are taken within
         * seconds unless the queue ceiling holds them back, so the default leaves a week for that. Defaults to
         * {@code 7d}.
         */
        @WithDefault("7d")
        Duration jobsMaxAge();

        /** Most bytes the jobs stream keeps (oldest dropped first). Defaults to {@code 1073741824} (1 GiB). */
        @WithDefault("1073741824")
        long jobsMaxBytes();

        /** Most messages the jobs stream keeps (oldest dropped first). Defaults to {@code 1000000}. */
        @WithDefault("1000000")
        long jobsMaxMessages();

        /**
         * JetStream stream holding the events ({@code <events-subject-prefix>.>}), bounded apart from the jobs so a
         * flood of events never pushes a waiting job out. Defaults to the jobs stream's name + {@code _EVENTS}.
         */
        Optional<String> eventsStream();

        /** How long the events stream keeps an event. Defaults to {@code 7d}. */
        @WithDefault("7d")
        Duration eventsMaxAge();

        /** Most bytes the events stream keeps (oldest dropped first). Defaults to {@code 1073741824} (1 GiB). */
        @WithDefault("1073741824")
        long eventsMaxBytes();

        /**
         * User name for user/password authentication (env {@code PERFSWEEP_NATS_USERNAME}, from a Secret); needs
         * {@link #password()}. None by default. At most one kind of credentials may be configured.
         */
        Optional<String> username();

        /** Password for {@link #username()} (env {@code PERFSWEEP_NATS_PASSWORD}, from a Secret). None by default. */
        Optional<String> password();

        /** Token authentication (env {@code PERFSWEEP_NATS_TOKEN}, from a Secret). None by default. */
        Optional<String> token();

        /**
         * File holding an nkey seed ({@code SU...}, e.g. a mounted Secret), for nkey authentication. None by default.
         */
        Optional<String> nkeySeedFile();

        /**
         * A {@code .creds} file (user JWT and nkey seed, as {@code nsc} writes it; e.g. a mounted Secret), for
         * decentralised JWT authentication. None by default.
         */
        Optional<String> credsFile();

        /** TLS towards the server; off unless a {@code tls://} URL or one of its files is configured. */
        Tls tls();

        /** TLS material as PEM files, the form Kubernetes Secrets mount. */
        interface Tls {
            /** PEM file of the CA certificate(s) the server's certificate must chain to. Default: the JVM's trust. */
            Optional<String> caFile();

            /** PEM file of the client certificate (chain), for mutual TLS; needs {@link #keyFile()}. None by default. */
            Optional<String> certFile();

            /**
             * PEM file of the client's unencrypted private key, for mutual TLS: PKCS#8 ({@code BEGIN PRIVATE KEY}),
             * PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, cert-manager's {@code tls.key}) or SEC1 EC ({@code BEGIN EC
             * PRIVATE KEY}). None by default.
             */
            Optional<String> keyFile();
        }
    }

    /** Ceilings on job specs; a job over one is rejected with a reason naming the key. */
    Limits limits();

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

        /**
         * Longest silence on a stream before the request fails as a timeout; {@code 0} turns it off. Defaults to
         * {@code 60s}, the same as the client's own default ({@code ClientOptions.DEFAULT_IDLE_TIMEOUT}), so the CLI and
         * the service agree.
         */
        @WithDefault("60s")
        Duration idleTimeout();

        /** Extra headers sent with every request, e.g. {@code perfsweep.client.headers.Authorization}. */
        Map<String, String> headers();

        /**
         * Whether the client warms its own measuring path in-process before the first measured request
         * ({@code io.perfsweep.load.ClientWarmup}); read as a {@code -D} system property, off only for measuring its
         * effect. Defaults to {@code true}.
         */
        @WithDefault("true")
        boolean selfWarmup();

        /**
         * The longest the client's self-warm-up may take before the first point ({@code io.perfsweep.load.ClientWarmup}):
         * start-up cost against exactness of the first requests; read as a {@code -D} system property. Unset: 8 s, or
         * 2 s when the first point has at most 10 streams.
         */
        Optional<Duration> selfWarmupMax();

        /**
         * Whether a measured window opens on a collected heap when no other window is open
         * ({@code io.perfsweep.load.MeasuredWindow}); read as a {@code -D} system property. Defaults to {@code true}.
         */
        @WithDefault("true")
        boolean collectBeforeWindow();

        /**
         * Whether a closed-loop point opens its connections before its measured window
         * ({@code io.perfsweep.load.SweepRunner}), so its first round is not timed with a burst of connects; read as a
         * {@code -D} system property. Defaults to {@code true}; {@code false} times them, as AIPerf's first round does.
         */
        @WithDefault("true")
        boolean preconnect();
    }

    /** Built-in mock engine settings. */
    interface Mock {
        /** Speed-up ratio of the simulated engine: prefill and decode times are divided by it. Defaults to {@code 10}. */
        @WithDefault("10")
        double speedupRatio();
    }

    /** Ceilings on job specs ({@code io.perfsweep.spec.JobLimits}). */
    interface Limits {
        /** Largest concurrency of one level (and cap of a rate load). Defaults to {@code 4096}. */
        @WithDefault("4096")
        int maxConcurrency();

        /** Most points (levels or rates) in one job. Defaults to {@code 64}. */
        @WithDefault("64")
        int maxLevels();

        /** Most measured, or warm-up, requests at one point. Defaults to {@code 100000}. */
        @WithDefault("100000")
        int maxRequestCount();

        /** Most requests of a whole job, warm-up included. Defaults to {@code 1000000}. */
        @WithDefault("1000000")
        long maxTotalRequests();

        /** Largest input sequence length, tokens. Defaults to {@code 200000}. */
        @WithDefault("200000")
        int maxIsl();

        /** Largest output sequence length, tokens. Defaults to {@code 32768}. */
        @WithDefault("32768")
        int maxOsl();

        /** Longest a job may run; the runner stops it after that. Defaults to {@code 6h}. */
        @WithDefault("6h")
        Duration maxJobDuration();

        /**
         * Most jobs waiting to run (state QUEUED in PostgreSQL, across every instance). Beyond it the REST API answers
         * 429 with {@code Retry-After}, and the NATS intake stops pulling, so further jobs wait in the JetStream stream
         * (bounded by the stream's own limits) instead of being rejected. Defaults to {@code 100}.
         */
        @WithDefault("100")
        int maxQueuedJobs();
    }
}
