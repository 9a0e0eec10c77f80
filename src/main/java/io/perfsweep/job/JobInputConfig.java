package io.perfsweep.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.perfsweep.load.LoadPoint;
import io.perfsweep.metrics.PointSummary;
import io.perfsweep.report.InputConfig;
import io.perfsweep.spec.JobDeployment;
import io.perfsweep.spec.JobLoad;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobWorkload;

/**
 * A job spec as the export's {@link InputConfig.Run}: what {@code run --job} and the service's export both write, so
 * one job gives the same {@code input_config} and {@code deployment_config.json} from the CLI and from the service.
 */
public final class JobInputConfig {

    private JobInputConfig() {
    }

    /**
     * The run {@code spec} describes.
     *
     * @param tokenizer the tokenizer used, or the model id it is looked up by
     */
    public static InputConfig.Run run(JobSpec spec, String tokenizer) {
        return run(spec, tokenizer, null);
    }

    /**
     * The run {@code spec} describes, its deployment labelled {@code kind}.
     *
     * @param tokenizer the tokenizer used, or the model id it is looked up by
     * @param kind a label chosen by the user ({@code run --deployment-kind}), or null for the shape's own
     */
    public static InputConfig.Run run(JobSpec spec, String tokenizer, String kind) {
        return new InputConfig.Run(spec.name(), spec.target().url(),
                spec.target().endpoint().name().toLowerCase(Locale.ROOT), spec.target().model(), tokenizer,
                workload(spec.workload()), deployment(spec.target().deployment(), kind), load(spec.load()));
    }

    /**
     * The deployment as perf.sh records it, with its GPU count.
     *
     * @param kind a label chosen by the user, or null for the shape's own ({@code agg-tp1-dp1}, …)
     */
    public static InputConfig.Deployment deployment(JobDeployment deployment, String kind) {
        Map<String, Integer> parallelism = new LinkedHashMap<>();
        String mode;
        if (deployment instanceof JobDeployment.Disaggregated d) {
            mode = "disaggregated";
            parallelism.put("prefill_tensor_parallelism", d.prefillTp());
            parallelism.put("prefill_data_parallelism", d.prefillDp());
            parallelism.put("decode_tensor_parallelism", d.decodeTp());
            parallelism.put("decode_data_parallelism", d.decodeDp());
        } else {
            var a = (JobDeployment.Aggregated) deployment;
            mode = "aggregated";
            parallelism.put("tensor_parallelism", a.tp());
            parallelism.put("data_parallelism", a.dp());
        }
        return new InputConfig.Deployment(kind != null ? kind : deployment.label(), mode, parallelism,
                deployment.gpuCount());
    }

    /**
     * A point's level as the service stores it and the export writes it: a rate point has its rate, and its
     * concurrency only when it is a cap the user set; a replay neither.
     */
    public static InputConfig.Point point(LoadPoint point, PointSummary summary) {
        Integer concurrency = point.isReplay() ? null
                : !point.isOpenLoop() || point.openLoop().capped() ? point.concurrency() : null;
        Double rate = point.isOpenLoop() ? point.openLoop().ratePerSecond() : null;
        return InputConfig.Point.of(concurrency, rate, null, summary);
    }

    private static InputConfig.Workload workload(JobWorkload workload) {
        if (workload instanceof JobWorkload.Trace t) {
            return new InputConfig.Workload.Trace(t.file(), t.url(), t.traceId(), t.blockSizeTokens());
        }
        if (workload instanceof JobWorkload.Prefix p) {
            return new InputConfig.Workload.Prefix(p.islTokens(), p.oslTokens(), p.prefixPromptCount());
        }
        if (workload instanceof JobWorkload.PlannerProfile p) {
            return new InputConfig.Workload.PlannerProfile(p.maxContextLength(), p.prefillGranularity(),
                    p.decodeGranularity(), p.decodeOsl(), p.gpusPerEngine(), p.attentionDp(), p.maxKvTokens());
        }
        var s = (JobWorkload.Synthetic) workload;
        return new InputConfig.Workload.Synthetic(s.islTokens(), s.islStdTokens(), s.oslTokens(), s.oslStdTokens());
    }

    private static InputConfig.Load load(JobLoad load) {
        if (load instanceof JobLoad.Rate rate) {
            return new InputConfig.Load(rate.arrival().name().toLowerCase(Locale.ROOT), null,
                    rate.warmupRequestCount(), load.sliceDurationSeconds());
        }
        if (load instanceof JobLoad.Replay replay) {
            return new InputConfig.Load(null, replay.speedup(), 0, load.sliceDurationSeconds());
        }
        if (load instanceof JobLoad.Search search) {
            return new InputConfig.Load(search.over() == JobLoad.Over.RATE
                    ? search.arrival().name().toLowerCase(Locale.ROOT)
                    : null, null, search.warmupRequestCount(), load.sliceDurationSeconds());
        }
        return new InputConfig.Load(null, null, ((JobLoad.Concurrency) load).warmupRequestCount(),
                load.sliceDurationSeconds());
    }
}
