package io.perfsweep.spec;

import java.util.List;

/**
 * What the requests of a job contain. In JSON, {@code type} selects the kind (default {@code synthetic});
 * {@code prefix} and {@code plannerProfile} are whole benchmarks of their own, which also shape the load.
 */
public sealed interface JobWorkload {

    /** The {@code type} value of this workload in JSON. */
    String type();

    /**
     * Synthetic prompts with exact token counts ({@code "type": "synthetic"}); defaults are Dynamo's
     * {@code benchmarks/utils} ones.
     *
     * @param islTokens mean input sequence length, JSON {@code isl} (default 2000)
     * @param islStdTokens standard deviation of the input length, JSON {@code islStd} (default 10)
     * @param oslTokens output sequence length sent as {@code max_tokens}, JSON {@code osl} (default 256)
     * @param oslStdTokens standard deviation of the output length, JSON {@code oslStd} (default 0)
     * @param seed seed of the first point; point {@code i} uses {@code seed + i} (default 100, as {@code perf.sh})
     */
    record Synthetic(int islTokens, int islStdTokens, int oslTokens, int oslStdTokens, long seed)
            implements
                JobWorkload {
        /** Every default: ISL 2000 ± 10, OSL 256 ± 0, seed 100. */
        public static final Synthetic DEFAULT = new Synthetic(2000, 10, 256, 0, 100);

        @Override
        public String type() {
            return "synthetic";
        }
    }

    /**
     * Requests read from a Mooncake-style trace ({@code "type": "trace"}), one per row, each prompt built from the
     * row's hash ids. The replay speed-up belongs to the load ({@code "type": "replay"}), since a trace can also run
     * at fixed concurrency (rows in file order, timestamps ignored) or at a rate. Exactly one source is given.
     *
     * @param file a JSONL file in {@code perfsweep.traces.dir} (a relative path is resolved there)
     * @param url {@code http(s)} address of a JSONL trace on a host of {@code perfsweep.traces.allowed-hosts},
     *        fetched once when the service takes the job
     * @param traceId id of a trace uploaded with {@code POST /api/traces}, JSON {@code traceId}
     * @param blockSizeTokens tokens per {@code hash_ids} block, JSON {@code blockSize} (default 512, AIPerf's)
     * @param seed picks the text of each hash id: the same seed, the same text for the same id (default 0)
     */
    record Trace(String file, String url, String traceId, int blockSizeTokens, long seed) implements JobWorkload {
        /** AIPerf's default {@code --isl-block-size}. */
        public static final int DEFAULT_BLOCK_SIZE_TOKENS = 512;

        /** The source as the job names it, for messages: {@code file '…'}, {@code url '…'} or {@code traceId '…'}. */
        public String source() {
            return file != null ? "file '" + file + "'" : url != null ? "url '" + url + "'" : "traceId '" + traceId + "'";
        }

        @Override
        public String type() {
            return "trace";
        }
    }

    /**
     * Shared-prefix prompts swept over prefix ratios ({@code "type": "prefix"}): Dynamo's router prefix-ratio
     * benchmark ({@code benchmarks/router/prefix_ratio_benchmark.py}), one point per ratio. Its load is one
     * concurrency level ({@code load.levels}, default 20) with {@code load.requestCount} requests per ratio (default
     * 200), spread over {@code target.url} and {@code target.additionalUrls}.
     *
     * @param prefixRatios shares of each prompt taken from a shared prefix, each in [0, 1] (default 0.1, 0.3, 0.5,
     *        0.7, 0.9)
     * @param islTokens total input length, prefix included, JSON {@code isl} (default 14000)
     * @param oslTokens output length, JSON {@code osl} (default 200)
     * @param prefixPromptCount size of the shared-prefix pool, JSON {@code prefixPromptCount} (default 20)
     * @param seed seed of the first ratio, incremented per ratio (default 0)
     */
    record Prefix(List<Double> prefixRatios, int islTokens, int oslTokens, int prefixPromptCount, long seed)
            implements
                JobWorkload {
        /** Every default of Dynamo's prefix-ratio benchmark. */
        public static final Prefix DEFAULT = new Prefix(List.of(0.1, 0.3, 0.5, 0.7, 0.9), 14000, 200, 20, 0);

        /** The script's load, taken when a prefix job has no {@code load}: concurrency 20, 200 requests per ratio. */
        public static final JobLoad.Concurrency DEFAULT_LOAD = new JobLoad.Concurrency(List.of(20), 200, 0);

        /** Measured requests per ratio: the load's {@code requestCount}, else the script's 200. */
        public static int requestCount(JobLoad.Concurrency load) {
            return load.requestCount() != null ? load.requestCount() : DEFAULT_LOAD.requestCount();
        }

        public Prefix {
            prefixRatios = List.copyOf(prefixRatios);
        }

        @Override
        public String type() {
            return "prefix";
        }
    }

    /**
     * The sweeps Dynamo's profiler runs against one engine to feed its SLA planner ({@code "type": "plannerProfile"};
     * docs/planner-profile.md): prefill points over ISL at OSL 5, decode points over ISL and request count at
     * {@code decodeOsl}, each with its own exact lengths and closed-loop concurrency. The load's levels and counts are
     * the profiler's; {@code load} may only set the timeouts.
     *
     * @param maxContextLength the engine's longest context, tokens; bounds both ISL ranges; required
     * @param prefillGranularity prefill ISL step = (max_ctx − 612) / granularity (default 16)
     * @param decodeGranularity decode ISL step and request counts per ISL (default 6, at least 2)
     * @param decodeOsl output tokens of each decode request (default 500)
     * @param gpusPerEngine GPUs of the engine, divisor of both per-GPU throughputs (default 1)
     * @param attentionDp attention data-parallel size of the engine (default 1)
     * @param maxKvTokens the engine's KV capacity in tokens, used only when the server's metrics do not tell it;
     *        null (default) for none
     * @param seed seed of the first point's prompts; point {@code i} uses {@code seed + i} (default 100)
     */
    record PlannerProfile(Integer maxContextLength, int prefillGranularity, int decodeGranularity, int decodeOsl,
            int gpusPerEngine, int attentionDp, Long maxKvTokens, long seed) implements JobWorkload {

        /** Every default but the context length, which has none. */
        public static final PlannerProfile DEFAULT = new PlannerProfile(null, 16, 6, 500, 1, 1, null, 100);

        /**
         * The load of a planner-profile job: a placeholder for its timeouts, since the points (closed loop, each at its
         * own concurrency) come from the profiler's sweeps.
         */
        public static JobLoad.Concurrency load(JobTimeouts timeouts) {
            return new JobLoad.Concurrency(List.of(1), null, 0, timeouts);
        }

        @Override
        public String type() {
            return "plannerProfile";
        }
    }
}
