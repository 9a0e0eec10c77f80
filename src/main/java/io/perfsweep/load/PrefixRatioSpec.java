package io.perfsweep.load;

import java.util.ArrayList;
import java.util.List;

import io.perfsweep.workload.PrefixRatioWorkload;

/**
 * Dynamo's router prefix-ratio benchmark ({@code benchmarks/router/prefix_ratio_benchmark.py}, anchors §4.3): one
 * point per prefix ratio, run one after another, everything else fixed. Ratio {@code i} uses seed
 * {@code initialSeed + i}, so the whole benchmark is reproducible and no two ratios share prompts.
 *
 * <p>
 * <b>Several URLs</b> (the script's {@code --url a b …}): each ratio runs against every URL at once, the requests
 * split as the script splits them: {@code requests // n} each, the first {@code requests % n} URLs one more, and
 * concurrency {@code max(1, concurrency // n)} per URL; every URL gets the same seed, hence the same prefix pool.
 *
 * @param prefixRatios ratios in run order, each in [0, 1] (script default 0.1, 0.3, 0.5, 0.7, 0.9)
 * @param islTokens total input length, prefix included (default 14000)
 * @param oslTokens output length (default 200)
 * @param requests measured requests per ratio, over all URLs (default 200)
 * @param concurrency requests in flight per ratio, over all URLs (default 20)
 * @param prefixPromptCount shared prefixes in the pool (default 20)
 * @param initialSeed seed of the first ratio (default 0)
 * @param urls base URLs the requests are spread over, at least one
 */
public record PrefixRatioSpec(List<Double> prefixRatios, int islTokens, int oslTokens, int requests, int concurrency,
        int prefixPromptCount, long initialSeed, List<String> urls) {

    public static final List<Double> DEFAULT_RATIOS = List.of(0.1, 0.3, 0.5, 0.7, 0.9);
    public static final int DEFAULT_ISL = 14000;
    public static final int DEFAULT_OSL = 200;
    public static final int DEFAULT_REQUESTS = 200;
    public static final int DEFAULT_CONCURRENCY = 20;
    public static final int DEFAULT_PREFIX_PROMPTS = 20;
    public static final long DEFAULT_SEED = 0;
    /** The script's {@code --model} and {@code --tokenizer} default. */
    public static final String DEFAULT_MODEL = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";

    public PrefixRatioSpec {
        prefixRatios = List.copyOf(prefixRatios);
        urls = List.copyOf(urls);
        if (prefixRatios.isEmpty() || urls.isEmpty()) {
            throw new IllegalArgumentException("the prefix-ratio benchmark needs at least one ratio and one URL");
        }
        for (double ratio : prefixRatios) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("a prefix ratio must be between 0 and 1, was " + ratio);
            }
        }
        if (islTokens < 1 || oslTokens < 1 || requests < 1 || concurrency < 1 || prefixPromptCount < 1) {
            throw new IllegalArgumentException("isl, osl, requests, concurrency and prefix prompts must be at least 1");
        }
        if (requests < urls.size()) {
            throw new IllegalArgumentException(
                    "requests (" + requests + ") must be at least the number of URLs (" + urls.size() + ")");
        }
    }

    /** The seed of ratio {@code index}: the script increments it once per ratio. */
    public long seed(int index) {
        return initialSeed + index;
    }

    public double ratio(int index) {
        return prefixRatios.get(index);
    }

    /** The token lengths of ratio {@code index}. */
    public PrefixRatioWorkload.Shape shape(int index) {
        return PrefixRatioWorkload.Shape.of(islTokens, oslTokens, ratio(index), prefixPromptCount);
    }

    /** The script's artifact directory of ratio {@code index}: {@code prefix_ratio_<r>_seed_<s>}. */
    public String label(int index) {
        return "prefix_ratio_" + ratio(index) + "_seed_" + seed(index);
    }

    /** The artifact directory of URL {@code urlIndex}: the label, with {@code _url_<i>} when there are several. */
    public String label(int index, int urlIndex) {
        return urls.size() == 1 ? label(index) : label(index) + "_url_" + urlIndex;
    }

    /** One point per ratio (all URLs together), for plans that count points and size connection pools. */
    public SweepPlan plan() {
        List<LoadPoint> points = new ArrayList<>();
        for (int i = 0; i < prefixRatios.size(); i++) {
            points.add(new LoadPoint(concurrency, requests, 0));
        }
        return new SweepPlan(points);
    }

    /** What each URL gets at every ratio, in URL order. */
    public List<UrlShare> shares() {
        int n = urls.size();
        if (n == 1) {
            return List.of(new UrlShare(urls.get(0), requests, concurrency));
        }
        List<UrlShare> shares = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shares.add(new UrlShare(urls.get(i), requests / n + (i < requests % n ? 1 : 0), Math.max(1, concurrency / n)));
        }
        return shares;
    }

    /**
     * One URL's part of a ratio.
     *
     * @param url base URL
     * @param requests measured requests sent to it
     * @param concurrency requests kept in flight against it
     */
    public record UrlShare(String url, int requests, int concurrency) {
    }
}
