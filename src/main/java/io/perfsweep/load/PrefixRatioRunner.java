package io.perfsweep.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import io.perfsweep.client.ClientOptions;
import io.perfsweep.metrics.PointSummarizer;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.workload.PrefixRatioWorkload;
import io.perfsweep.workload.PromptSynthesizer;
import io.perfsweep.workload.Tokenizer;
import io.vertx.core.Vertx;

/**
 * Runs the ratios of a {@link PrefixRatioSpec}: for each, its prompts are made from the ratio's seed and sent to
 * every URL at once (one closed loop per URL, as the script runs one AIPerf per URL), and the point's summary is
 * computed over the requests of all URLs together.
 */
public final class PrefixRatioRunner {

    private final SweepRunner sweeps;
    private final PromptSynthesizer prompts;

    public PrefixRatioRunner(Vertx vertx, Tokenizer tokenizer) {
        this.sweeps = new SweepRunner(vertx, tokenizer);
        this.prompts = new PromptSynthesizer(tokenizer);
    }

    /**
     * The results of one ratio.
     *
     * @param index the ratio's position in the spec
     * @param ratio the prefix ratio
     * @param seed the seed its prompts came from
     * @param label {@code prefix_ratio_<r>_seed_<s>}
     * @param pooled every URL's requests as one point (AIPerf statistics over all of them)
     * @param perUrl each URL's own point, in URL order
     */
    public record RatioResult(int index, double ratio, long seed, String label, PointResult pooled,
            List<PointResult> perUrl) {
    }

    /** Runs every ratio in order. */
    public List<RatioResult> run(SweepSpec base, PrefixRatioSpec spec, SweepListener listener) {
        List<RatioResult> results = new ArrayList<>();
        for (int i = 0; i < spec.prefixRatios().size(); i++) {
            results.add(runRatio(base, spec, i, listener, () -> false));
        }
        return results;
    }

    /**
     * Runs ratio {@code index} exactly as {@link #run} would (same seed for the same index), so a resumed job measures
     * its remaining ratios as an uninterrupted one.
     *
     * @param base the target (its first URL), model, request extras and SLO; its workload and plan are not used
     * @throws SweepCancelledException when {@code cancelled} turned true during the ratio
     */
    public RatioResult runRatio(SweepSpec base, PrefixRatioSpec spec, int index, SweepListener listener,
            BooleanSupplier cancelled) {
        List<PrefixRatioSpec.UrlShare> shares = spec.shares();
        LoadPoint whole = spec.plan().points().get(index);
        listener.pointStarted(whole, index, spec.prefixRatios().size());
        // One thread per URL: each blocks until its closed loop ends, and the URLs must run at the same time.
        ExecutorService threads = Executors.newFixedThreadPool(shares.size(),
                runnable -> new Thread(runnable, "perfsweep-prefix-ratio-url"));
        List<PointResult> perUrl;
        try {
            List<CompletableFuture<PointResult>> runs = new ArrayList<>();
            for (PrefixRatioSpec.UrlShare share : shares) {
                // Each URL makes its own prompts from the same seed, as each of the script's AIPerf processes does.
                var requests = new PrefixRatioWorkload(prompts, spec.shape(index), spec.seed(index))
                        .next(share.requests());
                SweepSpec target = onUrl(base, share.url());
                LoadPoint point = new LoadPoint(share.concurrency(), share.requests(), 0);
                runs.add(CompletableFuture.supplyAsync(
                        () -> sweeps.runPoint(target, point, requests, listener, cancelled), threads));
            }
            perUrl = join(runs);
        } finally {
            threads.shutdown();
        }
        PointResult pooled = pool(whole, perUrl, base);
        listener.pointCompleted(pooled, index, spec.prefixRatios().size());
        return new RatioResult(index, spec.ratio(index), spec.seed(index), spec.label(index), pooled, perUrl);
    }

    private static List<PointResult> join(List<CompletableFuture<PointResult>> runs) {
        try {
            return runs.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static SweepSpec onUrl(SweepSpec base, String url) {
        ClientOptions c = base.client();
        var client = new ClientOptions(url, c.endpoint(), c.maxConnections(), c.requestTimeout(), c.idleTimeout(),
                c.headers());
        return new SweepSpec(base.benchmarkName(), client, base.model(), base.workload(), base.extras(), base.plan(),
                base.slo());
    }

    /** All URLs' requests as one point: records in URL order, measured from the first start to the last end. */
    private static PointResult pool(LoadPoint whole, List<PointResult> perUrl, SweepSpec base) {
        if (perUrl.size() == 1) {
            PointResult only = perUrl.get(0);
            return new PointResult(whole, only.summary(), only.records(), only.requestIds(), only.maxInFlight(),
                    only.startTime(), only.endTime());
        }
        List<RequestRecord> records = new ArrayList<>();
        List<String> requestIds = new ArrayList<>();
        int maxInFlight = 0;
        for (PointResult result : perUrl) {
            records.addAll(result.records());
            requestIds.addAll(result.requestIds());
            maxInFlight += result.maxInFlight();
        }
        Instant start = perUrl.stream().map(PointResult::startTime).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = perUrl.stream().map(PointResult::endTime).max(Comparator.naturalOrder()).orElseThrow();
        return new PointResult(whole, PointSummarizer.summarize(records, base.slo()), records, requestIds, maxInFlight,
                start, end);
    }
}
