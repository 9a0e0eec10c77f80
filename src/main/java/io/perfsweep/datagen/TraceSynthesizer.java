package io.perfsweep.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Dynamo's prefix-tree trace synthesizer ({@code benchmarks/prefix_data_generator/synthesizer.py}, anchors §3.4).
 *
 * <p>
 * Learning: renumber ids with {@link RollingHasher}, learn the core radix tree ({@link PrefixTree}), scale it by
 * {@code prefix_len_multiplier}, and learn empirical samplers of requests per timestamp, positive inter-arrival gaps,
 * the last block's fill {@code input_length − (len(hash_ids) − 1)·B}, OSL and unique prompt lengths (×
 * {@code prompt_len_multiplier}). Synthesis per request: walk the tree; at CACHE_END append a fresh leaf of sampled
 * length with ids from {@code max_id + 1}; ISL = {@code (len(path) − 1)·B + sampled fill} with a leaf, else
 * {@code len(path)·B}; OSL = {@code int(sample · osl_multiplier)}; drop on {@code max_isl}/{@code min_isl}, clip to
 * {@code min_osl}/{@code max_osl}; after each timestamp group add {@code round(gap / speedup_ratio)}. Finally, with
 * {@code prefix_root_multiplier = k}, shift each request's ids by {@code randint(0, k)·(max_id + 1)}.
 *
 * <p>
 * Randomness differs from Dynamo: numpy's {@code default_rng(0)} and {@code np.random} streams cannot be reproduced in
 * Java, so every stream here is a {@link SplittableRandom} split from {@link SynthesisOptions#seed()}; output is
 * byte-identical for a seed within perfsweep, not equal to Dynamo's. As Dynamo's README states, mean ISL, OSL and
 * context length are preserved but the ISL standard deviation is not (context and prompt lengths are sampled
 * independently).
 */
public final class TraceSynthesizer {

    private static final int MAX_DROPS_PER_REQUEST = 100;

    private final SynthesisOptions options;
    private final CoreRadixTree tree;
    private final long maxHashId;
    private final EmpiricalSampler leafLengthsBlocks;
    private final EmpiricalSampler requestsPerTimestamp;
    private final EmpiricalSampler interArrivalMillis;
    private final EmpiricalSampler lastBlockFillTokens;
    private final EmpiricalSampler outputLengthsTokens;

    private TraceSynthesizer(SynthesisOptions options, PrefixTree.Learned learned, TraceSamples samples) {
        this.options = options;
        this.tree = new CoreRadixTree(learned.root().scaled(options.prefixLenMultiplier()), options.blockSizeTokens());
        int factor = (int) Math.ceil(options.prefixLenMultiplier());
        this.maxHashId = options.prefixLenMultiplier() > 1 ? factor * learned.maxHashId() + factor
                : learned.maxHashId();
        this.leafLengthsBlocks = new EmpiricalSampler(scaledLeafLengths(learned.leafLengthsBlocks()));
        this.requestsPerTimestamp = new EmpiricalSampler(samples.requestsPerTimestamp());
        this.interArrivalMillis = new EmpiricalSampler(samples.positiveGapsMillis());
        this.lastBlockFillTokens = new EmpiricalSampler(samples.lastBlockFillTokens());
        this.outputLengthsTokens = new EmpiricalSampler(samples.outputLengthsTokens());
    }

    /**
     * Learns from {@code rows}. Every row needs a timestamp and must satisfy the ceil rule for the options' block
     * size.
     */
    public static TraceSynthesizer learn(List<TraceRow> rows, SynthesisOptions options) {
        TraceSamples samples = TraceSamples.of(rows, options.blockSizeTokens());
        RollingHasher hasher = new RollingHasher();
        List<List<Long>> paths = new ArrayList<>(rows.size());
        for (TraceRow row : rows) {
            paths.add(hasher.hashBlocks(row.hashIds()));
        }
        return new TraceSynthesizer(options, PrefixTree.learn(paths, hasher.size()), samples);
    }

    /** Learns from {@code rows} and synthesizes {@code options.numRequests()} requests. */
    public static List<SynthesizedRequest> synthesize(List<TraceRow> rows, SynthesisOptions options) {
        return learn(rows, options).synthesize();
    }

    private long[] scaledLeafLengths(long[] lengths) {
        if (options.promptLenMultiplier() == 1) {
            return lengths;
        }
        long[] scaled = new long[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            scaled[i] = (long) Math.max(1, Math.rint(lengths[i] * options.promptLenMultiplier()));
        }
        return scaled;
    }

    /** Synthesizes the requests; every call starts from the seed again, so repeated calls return equal lists. */
    public List<SynthesizedRequest> synthesize() {
        Run run = new Run(new SplittableRandom(options.seed()));
        List<SynthesizedRequest> requests = new ArrayList<>();
        long timestampMillis = 0;
        long attempts = 0;
        long maxAttempts = (long) MAX_DROPS_PER_REQUEST * options.numRequests() + 10_000;
        while (requests.size() < options.numRequests()) {
            long perTimestamp = requestsPerTimestamp.sample(run.requestCounts);
            for (long i = 0; i < perTimestamp && requests.size() < options.numRequests(); i++) {
                if (++attempts > maxAttempts) {
                    throw new IllegalStateException("the ISL limits drop almost every request: kept "
                            + requests.size() + " of " + attempts);
                }
                SynthesizedRequest request = run.request(timestampMillis);
                if (request != null) {
                    requests.add(request);
                }
            }
            timestampMillis += (long) Math.rint(interArrivalMillis.sample(run.gaps) / options.speedupRatio());
        }
        return run.copyTrees(requests);
    }

    /** Like Dynamo's {@code repr}: size and depth of the core radix tree. */
    public String describe() {
        return "MooncakeSynth(core_radix_tree_size=" + tree.size() + ", core_radix_tree_depth=" + tree.depth()
                + ", block_size=" + options.blockSizeTokens() + ")";
    }

    /** Dynamo's "Synthesized Statistics" table of ISL, context, unique prompt and OSL. */
    public static String renderStatistics(List<SynthesizedRequest> requests) {
        if (requests.isEmpty()) {
            return "no requests synthesized\n";
        }
        Map<String, SummaryStatistics> rows = new LinkedHashMap<>();
        rows.put("Input Length", stats(requests, SynthesizedRequest::inputLengthTokens));
        rows.put("Context Length", stats(requests, SynthesizedRequest::contextLengthTokens));
        rows.put("Unique Prompt Length", stats(requests, SynthesizedRequest::uniqueUserPromptLengthTokens));
        rows.put("Output Length", stats(requests, SynthesizedRequest::outputLengthTokens));
        return StatisticsTable.render(rows);
    }

    private static SummaryStatistics stats(List<SynthesizedRequest> requests,
            ToIntFunction<SynthesizedRequest> field) {
        return SummaryStatistics.ofIntegers(requests.stream().map(field::applyAsInt).toList());
    }

    /** The mutable state of one synthesis: random streams and the next free leaf id. */
    private final class Run {

        private final SplittableRandom requestCounts;
        private final SplittableRandom gaps;
        private final SplittableRandom fills;
        private final SplittableRandom outputs;
        private final SplittableRandom leaves;
        private final SplittableRandom walks;
        private final SplittableRandom copies;
        private long nextMaxHashId = maxHashId;

        Run(SplittableRandom seed) {
            requestCounts = seed.split();
            gaps = seed.split();
            fills = seed.split();
            outputs = seed.split();
            leaves = seed.split();
            walks = seed.split();
            copies = seed.split();
        }

        /** One request at {@code timestampMillis}, or {@code null} when the ISL limits drop it. */
        SynthesizedRequest request(long timestampMillis) {
            CoreRadixTree.Walk walk = tree.walk(walks);
            List<Long> hashIds = new ArrayList<>(walk.coreHashIds());
            if (walk.appendLeaf()) {
                long leafLength = leafLengthsBlocks.sample(leaves);
                for (long i = 0; i < leafLength; i++) {
                    hashIds.add(nextMaxHashId + 1 + i);
                }
                nextMaxHashId += leafLength;
            }
            int block = options.blockSizeTokens();
            long inputLength = walk.appendLeaf() ? (hashIds.size() - 1L) * block + lastBlockFillTokens.sample(fills)
                    : (long) hashIds.size() * block;
            long outputLength = (long) (outputLengthsTokens.sample(outputs) * options.oslMultiplier());
            if (options.maxIsl() != null && inputLength > options.maxIsl()
                    || options.minIsl() != null && inputLength < options.minIsl()) {
                return null;
            }
            outputLength = options.minOsl() != null ? Math.max(outputLength, options.minOsl()) : outputLength;
            outputLength = options.maxOsl() != null ? Math.min(outputLength, options.maxOsl()) : outputLength;
            int contextLength = Math.toIntExact(walk.contextLengthTokens());
            int isl = Math.toIntExact(inputLength);
            return new SynthesizedRequest(timestampMillis, isl, Math.toIntExact(outputLength), hashIds,
                    contextLength, isl - contextLength);
        }

        /** Shifts each request into one of {@code prefix_root_multiplier} disjoint id ranges. */
        List<SynthesizedRequest> copyTrees(List<SynthesizedRequest> requests) {
            int copiesCount = options.prefixRootMultiplier();
            if (copiesCount <= 1) {
                return requests;
            }
            long rangeSize = nextMaxHashId + 1;
            List<SynthesizedRequest> shifted = new ArrayList<>(requests.size());
            for (SynthesizedRequest request : requests) {
                long offset = copies.nextInt(copiesCount) * rangeSize;
                List<Long> ids = request.hashIds().stream().map(id -> id + offset).toList();
                shifted.add(new SynthesizedRequest(request.timestampMillis(), request.inputLengthTokens(),
                        request.outputLengthTokens(), ids, request.contextLengthTokens(),
                        request.uniqueUserPromptLengthTokens()));
            }
            return shifted;
        }
    }

    /** The per-row samples the synthesizer learns besides the tree. */
    private record TraceSamples(long[] requestsPerTimestamp, long[] positiveGapsMillis, long[] lastBlockFillTokens,
            long[] outputLengthsTokens) {

        static TraceSamples of(List<TraceRow> rows, int blockSizeTokens) {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("cannot learn from an empty trace");
            }
            Map<Long, Long> perTimestamp = new HashMap<>();
            List<Long> gaps = new ArrayList<>();
            long[] fills = new long[rows.size()];
            long[] outputs = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                TraceRow row = rows.get(i);
                long timestamp = requireTimestamp(row, i);
                perTimestamp.merge(timestamp, 1L, Long::sum);
                if (i > 0 && timestamp - rows.get(i - 1).timestampMillis() > 0) {
                    gaps.add(timestamp - rows.get(i - 1).timestampMillis());
                }
                fills[i] = lastBlockFill(row, i, blockSizeTokens);
                outputs[i] = row.outputLengthTokens();
            }
            return new TraceSamples(perTimestamp.values().stream().mapToLong(Long::longValue).toArray(),
                    gaps.stream().mapToLong(Long::longValue).toArray(), fills, outputs);
        }

        private static long requireTimestamp(TraceRow row, int index) {
            if (row.timestampMillis() == null) {
                throw new IllegalArgumentException("row " + (index + 1) + " has no timestamp");
            }
            return row.timestampMillis();
        }

        private static long lastBlockFill(TraceRow row, int index, int blockSizeTokens) {
            BlockRuleViolation violation = BlockRuleViolation.check(index + 1L, row, blockSizeTokens);
            if (violation != null) {
                throw new IllegalArgumentException("ceil rule broken, cannot synthesize: " + violation.message());
            }
            return row.inputLengthTokens() - (row.hashIds().size() - 1L) * blockSizeTokens;
        }
    }
}
