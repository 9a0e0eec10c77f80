package io.perfsweep.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.perfsweep.metrics.ClientHealth;
import io.perfsweep.metrics.InterTokenLatency;
import io.perfsweep.metrics.OutputSequenceLength;
import io.perfsweep.metrics.RequestLatency;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.metrics.TimeToFirstToken;

/**
 * The live meters of one label set (benchmark, target, model). Per-request methods run on the client's event loops,
 * several threads at once: they only bump atomics and pre-registered meters.
 *
 * <p>
 * What is live and what is per point: requests in flight, outcomes, TTFT, request latency, input tokens and content
 * responses are recorded the moment each request finishes. ITL and output tokens need the client tokenizer's count of
 * the joined text, which never runs on the measuring path, so they are recorded when the point ends, from the same
 * records that are stored: exact AIPerf values rather than a chunk-count estimate. The content-response counter is
 * the live stand-in for token throughput (one token per response on engines that stream token by token).
 */
public final class SweepMeters {

    static final String OK = "ok";

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger concurrency = new AtomicInteger();
    private final AtomicInteger pointIndex = new AtomicInteger(-1);
    private final AtomicInteger clientDistorted = new AtomicInteger(-1);
    private final AtomicReference<Double> clientStallP99 = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> serverRunning = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> serverWaiting = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> serverKvUsage = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gpuPower = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gpuUtilization = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gpuMemoryUsed = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gpuEnergyPerOutputToken = new AtomicReference<>(Double.NaN);
    private final Map<String, Counter> requestsByOutcome = new ConcurrentHashMap<>();
    private final Timer ttft;
    private final Timer itl;
    private final Timer latency;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter responses;

    SweepMeters(MeterRegistry registry, SweepLabels labels) {
        this.registry = registry;
        this.tags = labels.tags();
        Gauge.builder("perfsweep.requests.in.flight", inFlight, AtomicInteger::get).tags(tags)
                .description("Measured requests sent and not yet finished (warm-up excluded)").register(registry);
        Gauge.builder("perfsweep.point.concurrency", concurrency, AtomicInteger::get).tags(tags)
                .description("Concurrency of the sweep point being measured (requests kept in flight); 0 when idle")
                .register(registry);
        Gauge.builder("perfsweep.point.index", pointIndex, AtomicInteger::get).tags(tags)
                .description("Position of the current or last sweep point in its plan, from 0; -1 before the first")
                .register(registry);
        Gauge.builder("perfsweep.client.distorted", clientDistorted, AtomicInteger::get).tags(tags)
                .description("Client-health verdict of the last finished point: 1 distorted (the client's own "
                        + "timings are off: event-loop stalls, GC pauses), 0 ok, -1 before the first")
                .register(registry);
        Gauge.builder("perfsweep.client.event.loop.stall.p99", clientStallP99, AtomicReference::get).tags(tags)
                .baseUnit("seconds")
                .description("p99 lateness of the client's event loops during the last finished point")
                .register(registry);
        serverGauge("perfsweep.server.requests.running", serverRunning,
                "Requests the target itself says it is running (vllm:num_requests_running, sglang:num_running_reqs, "
                        + "…) at its latest scrape (~3 a second while a sweep runs); NaN when it does not tell");
        serverGauge("perfsweep.server.requests.waiting", serverWaiting,
                "Requests the target itself says are waiting (its queue); NaN when it does not tell");
        serverGauge("perfsweep.server.kv.cache.usage", serverKvUsage,
                "KV-cache usage 0-1 the target itself reports (vllm:kv_cache_usage_perc, sglang:token_usage, …); NaN "
                        + "when it does not tell");
        gpuGauge("perfsweep.gpu.power", "watts", gpuPower, "Power drawn by the GPUs of the DCGM exporters among the"
                + " server-metrics endpoints (DCGM_FI_DEV_POWER_USAGE summed over GPUs) at their latest scrape; NaN"
                + " without one");
        gpuGauge("perfsweep.gpu.utilization", "percent", gpuUtilization, "Mean GPU utilisation (DCGM_FI_DEV_GPU_UTIL)"
                + " of those GPUs at their latest scrape; NaN without a DCGM exporter");
        gpuGauge("perfsweep.gpu.memory.used", "bytes", gpuMemoryUsed, "Framebuffer memory used by those GPUs"
                + " (DCGM_FI_DEV_FB_USED summed) at their latest scrape; NaN without a DCGM exporter");
        gpuGauge("perfsweep.gpu.energy.per.output.token", "joules", gpuEnergyPerOutputToken, "GPU energy per output"
                + " token of the last finished point (AIPerf energy_per_output_token, in joules); NaN when the"
                + " exporters tell no energy");
        ttft = timer("perfsweep.request.ttft", "Time to first token (AIPerf time_to_first_token) of valid requests",
                LatencyBuckets.TTFT);
        itl = timer("perfsweep.request.itl",
                "Inter-token latency (AIPerf inter_token_latency) of valid requests, recorded when their point ends",
                LatencyBuckets.ITL);
        latency = timer("perfsweep.request.latency",
                "Request latency to the last content response (AIPerf request_latency) of valid requests",
                LatencyBuckets.REQUEST);
        inputTokens = counter("perfsweep.input.tokens", "Prompt tokens of finished measured requests (client tokenizer)");
        outputTokens = counter("perfsweep.output.tokens",
                "Output tokens incl. reasoning (AIPerf output_sequence_length) of valid requests, counted when their "
                        + "point ends");
        responses = Counter.builder("perfsweep.content.responses").tags(tags).baseUnit("responses")
                .description("Content-bearing SSE responses received by finished measured requests")
                .register(registry);
        requestsByOutcome.put(OK, outcomeCounter(OK));
    }

    /** A point starts: its concurrency becomes current. */
    public void pointStarted(int index, int pointConcurrency) {
        pointIndex.set(index);
        concurrency.set(pointConcurrency);
    }

    /** A measured request is being sent. */
    public void requestSent() {
        inFlight.incrementAndGet();
    }

    /** A measured request finished; its output tokens are not counted yet (see the class comment). */
    public void requestFinished(RequestRecord untokenized) {
        inFlight.decrementAndGet();
        String outcome = untokenized.valid() ? OK : untokenized.error().type().toLowerCase(Locale.ROOT);
        requestsByOutcome.computeIfAbsent(outcome, this::outcomeCounter).increment();
        if (untokenized.inputTokens() != null) {
            inputTokens.increment(untokenized.inputTokens());
        }
        responses.increment(untokenized.responseNanos().length);
        if (untokenized.valid()) {
            record(ttft, TimeToFirstToken.nanos(untokenized));
            record(latency, RequestLatency.nanos(untokenized));
        }
    }

    /** A point's measured phase ended and its records carry the tokenizer's counts: ITL and output tokens. */
    public void pointMeasured(List<RequestRecord> records) {
        for (RequestRecord record : records) {
            if (!record.valid()) {
                continue;
            }
            OptionalDouble itlNanos = InterTokenLatency.nanos(record);
            if (itlNanos.isPresent()) {
                itl.record(Math.round(itlNanos.getAsDouble()), TimeUnit.NANOSECONDS);
            }
            OptionalLong osl = OutputSequenceLength.tokens(record);
            if (osl.isPresent()) {
                outputTokens.increment(osl.getAsLong());
            }
        }
    }

    /** The client judged the point that just ended; null when it was not measured. */
    public void clientJudged(ClientHealth health) {
        if (health != null) {
            clientDistorted.set(health.distorted() ? 1 : 0);
            clientStallP99.set(health.eventLoopStall().p99() / 1000);
        }
    }

    /** The target's own gauges at its latest scrape; null for what it does not tell. */
    public void serverObserved(Double running, Double waiting, Double kvCacheUsage) {
        serverRunning.set(running == null ? Double.NaN : running);
        serverWaiting.set(waiting == null ? Double.NaN : waiting);
        serverKvUsage.set(kvCacheUsage == null ? Double.NaN : kvCacheUsage);
    }

    /** The GPUs' power (W), mean utilisation (%) and memory used (bytes) at their latest scrape; null when unknown. */
    public void gpuObserved(Double powerW, Double utilizationPercent, Double memoryUsedBytes) {
        gpuPower.set(powerW == null ? Double.NaN : powerW);
        gpuUtilization.set(utilizationPercent == null ? Double.NaN : utilizationPercent);
        gpuMemoryUsed.set(memoryUsedBytes == null ? Double.NaN : memoryUsedBytes);
    }

    /** The GPU energy per output token (J) of the point that just finished; null when the exporters tell none. */
    public void gpuEnergyPerOutputToken(Double joules) {
        gpuEnergyPerOutputToken.set(joules == null ? Double.NaN : joules);
    }

    /** The sweep ended (finished, failed or cancelled): nothing of it is in flight any more. */
    public void sweepEnded() {
        concurrency.set(0);
        inFlight.set(0);
        // the server gauges keep what its last scrape (the final one, after the last point) said: its state now
    }

    private void serverGauge(String name, AtomicReference<Double> value, String description) {
        Gauge.builder(name, value, AtomicReference::get).tags(tags).description(description).register(registry);
    }

    private void gpuGauge(String name, String unit, AtomicReference<Double> value, String description) {
        Gauge.builder(name, value, AtomicReference::get).tags(tags).baseUnit(unit).description(description)
                .register(registry);
    }

    private static void record(Timer timer, OptionalLong nanos) {
        if (nanos.isPresent()) {
            timer.record(nanos.getAsLong(), TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String name, String description, Duration[] buckets) {
        // Explicit buckets only (no Micrometer percentile histogram, no client-side percentiles): bounded series, and
        // the same bounds everywhere so rate(..._bucket) sums across instances for histogram_quantile.
        return Timer.builder(name).tags(tags).description(description).serviceLevelObjectives(buckets)
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tags(tags).baseUnit("tokens").description(description).register(registry);
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("perfsweep.requests").tags(tags).tag("outcome", outcome)
                .description("Finished measured requests by outcome: ok, or the error type (connect, timeout, "
                        + "http_status, stream_parse, cancelled)")
                .register(registry);
    }
}
