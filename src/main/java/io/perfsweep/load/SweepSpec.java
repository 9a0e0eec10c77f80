package io.perfsweep.load;

import java.util.List;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.metrics.Slo;
import io.perfsweep.workload.TraceRequest;

/**
 * What to measure and how: the target, the workload (synthetic, or a trace), the request extras and the points.
 *
 * @param benchmarkName label of the run (letters, digits, {@code -}, {@code _})
 * @param client target and connection settings; the pool size is set per point to its concurrency
 * @param model model name sent with every request
 * @param workload input and output lengths of the synthetic prompts (unused when {@code trace} is set)
 * @param extras which of Dynamo's request extras to send
 * @param plan the points, in order
 * @param slo goodput thresholds; {@link Slo#NONE} for none
 * @param trace the trace whose rows are the requests, or null for synthetic prompts
 * @param serverMetrics the target's Prometheus endpoints scraped while each point runs (see
 *        {@link io.perfsweep.server.MetricsEndpoints}); empty for none
 */
public record SweepSpec(String benchmarkName, ClientOptions client, String model, SyntheticSpec workload,
        RequestExtras extras, SweepPlan plan, Slo slo, TraceSpec trace, List<String> serverMetrics) {

    public SweepSpec {
        serverMetrics = serverMetrics == null ? List.of() : List.copyOf(serverMetrics);
    }

    /** A sweep that scrapes no server metrics. */
    public SweepSpec(String benchmarkName, ClientOptions client, String model, SyntheticSpec workload,
            RequestExtras extras, SweepPlan plan, Slo slo, TraceSpec trace) {
        this(benchmarkName, client, model, workload, extras, plan, slo, trace, List.of());
    }

    /** This sweep, scraping {@code endpoints} while each point runs. */
    public SweepSpec withServerMetrics(List<String> endpoints) {
        return new SweepSpec(benchmarkName, client, model, workload, extras, plan, slo, trace, endpoints);
    }

    /** This sweep with other points, e.g. an SLO search's probes so far. */
    public SweepSpec withPlan(SweepPlan points) {
        return new SweepSpec(benchmarkName, client, model, workload, extras, points, slo, trace, serverMetrics);
    }

    /** This sweep with other synthetic prompt lengths (and seed), e.g. one point's own exact lengths. */
    public SweepSpec withWorkload(SyntheticSpec lengths) {
        return new SweepSpec(benchmarkName, client, model, lengths, extras, plan, slo, trace, serverMetrics);
    }

    /** A sweep of synthetic prompts. */
    public SweepSpec(String benchmarkName, ClientOptions client, String model, SyntheticSpec workload,
            RequestExtras extras, SweepPlan plan, Slo slo) {
        this(benchmarkName, client, model, workload, extras, plan, slo, null);
    }

    /**
     * A trace as a workload. A replay point sends every row at its timestamp (rows sorted by timestamp, ties in file
     * order); a concurrency point sends the rows in file order, its warm-up first, wrapping around at the end. Either
     * way a later turn of a session leaves its delay after the previous turn completed (see {@link SessionTurns}).
     *
     * @param requests the rows, in file order
     * @param blockSizeTokens tokens per hash id
     * @param seed picks each hash id's text; the same seed, the same text
     */
    public record TraceSpec(List<TraceRequest> requests, int blockSizeTokens, long seed) {

        public TraceSpec {
            requests = List.copyOf(requests);
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("a trace needs at least one row");
            }
        }
    }

    /**
     * Synthetic prompt lengths, in tokens, and the seed that makes them reproducible.
     *
     * @param isl mean input sequence length
     * @param islStd standard deviation of the input length
     * @param osl mean output sequence length, sent as {@code max_tokens}
     * @param oslStd standard deviation of the output length
     * @param seed seed of the first point; point {@code i} uses {@code seed + i} so points never repeat prompts
     */
    public record SyntheticSpec(int isl, int islStd, int osl, int oslStd, long seed) {
    }

    /**
     * Request fields Dynamo's scripts send so servers honour the output length.
     *
     * @param minTokens send {@code min_tokens} equal to {@code max_tokens}
     * @param ignoreEos send {@code ignore_eos: true}
     * @param nvextIgnoreEos send {@code nvext: {ignore_eos: true}} (Dynamo frontends)
     */
    public record RequestExtras(boolean minTokens, boolean ignoreEos, boolean nvextIgnoreEos) {
        /** What Dynamo's {@code benchmarks/utils/aiperf.py} sends: {@code min_tokens} and {@code ignore_eos}. */
        public static final RequestExtras DYNAMO_DEFAULTS = new RequestExtras(true, true, false);
    }
}
