package io.perfsweep.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.perfsweep.job.InvalidJobException;
import io.perfsweep.job.JobDeployment;
import io.perfsweep.job.JobSpec;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.JobWorkload;
import io.perfsweep.job.PrefixRatioSummaries;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.report.JobHeader;
import io.perfsweep.report.JobReport;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.store.JobEntity;
import io.perfsweep.store.JobRepository;
import io.perfsweep.store.PointStore;
import io.perfsweep.store.StoredPoint;

/**
 * Loads jobs for the report pages and the export: the job row, its stored points, and what only the spec says (the
 * deployment shape and its GPU count), read with the same parser the intake uses.
 */
@ApplicationScoped
public class JobReports {

    @Inject
    JobRepository jobs;

    @Inject
    PointStore points;

    @Inject
    JobSubmissions submissions;

    /** The job with its points; 404 when there is no such job. */
    @Transactional
    public JobReport load(String id) {
        return load(jobs.findByIdOptional(id).orElseThrow(() -> new NotFoundException("no job with id " + id)));
    }

    /** Every job asked for, in order; one 404 naming every id that does not exist. */
    @Transactional
    public List<JobReport> loadAll(List<String> ids) {
        List<JobEntity> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            jobs.findByIdOptional(id).ifPresentOrElse(found::add, () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw new NotFoundException("no job with id " + String.join(", ", missing));
        }
        return found.stream().map(this::load).toList();
    }

    private JobReport load(JobEntity job) {
        List<StoredPoint> stored = points.points(job.id);
        return new JobReport(header(job, spec(job), stored), stored);
    }

    /**
     * The router benchmark's results of a prefix-ratio job, from the ratios stored so far; empty for any other job.
     * 404 when there is no such job.
     */
    @Transactional
    public Optional<PrefixRatioResults> prefixRatio(String id) {
        JobEntity job = jobs.findByIdOptional(id).orElseThrow(() -> new NotFoundException("no job with id " + id));
        JobSpec spec = spec(job);
        if (spec == null || !(spec.workload() instanceof JobWorkload.Prefix)) {
            return Optional.empty();
        }
        return Optional.of(PrefixRatioSummaries.of(spec, points.points(id)));
    }

    /** A point's raw records, for the export's {@code profile_export.jsonl}. */
    public List<RequestRecord> records(StoredPoint point) {
        return points.records(point.id());
    }

    /** The stored spec, or null for one the intake rejected (it may not even parse). */
    private JobSpec spec(JobEntity job) {
        try {
            return submissions.parser().parse(job.specJson);
        } catch (InvalidJobException e) {
            return null;
        }
    }

    private static JobHeader header(JobEntity job, JobSpec spec, List<StoredPoint> stored) {
        int gpus = spec != null ? spec.gpuCount()
                : stored.stream().map(StoredPoint::gpus).filter(Objects::nonNull).findFirst().orElse(1);
        Map<String, Object> deployment = spec == null ? Map.of() : deploymentConfig(spec);
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("benchmark_name", job.name);
        inputConfig.put("endpoint_url", job.targetUrl);
        inputConfig.put("model", job.model);
        if (spec != null) {
            inputConfig.put("endpoint_type", spec.target().endpoint().name().toLowerCase());
            if (spec.workload() instanceof JobWorkload.Synthetic synthetic) {
                inputConfig.put("isl", synthetic.islTokens());
                inputConfig.put("isl_std", synthetic.islStdTokens());
                inputConfig.put("osl", synthetic.oslTokens());
            }
            deployment.forEach((key, value) -> {
                if (!key.equals("model")) {
                    inputConfig.put(key, value);
                }
            });
            inputConfig.put("num_gpus", gpus);
        }
        inputConfig.values().removeIf(Objects::isNull);
        return new JobHeader(job.id, job.name, job.state.name(), job.reason, job.targetUrl, job.model,
                spec == null ? null : spec.deploymentLabel(), gpus, spec == null ? Map.of() : spec.tags(),
                job.createdAt, job.startedAt, job.finishedAt, inputConfig, deployment);
    }

    /** perf.sh's {@code deployment_config.json}: kind, model, mode and the TP/DP fields {@code plot} reads GPUs from. */
    private static Map<String, Object> deploymentConfig(JobSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kind", spec.deploymentLabel());
        config.put("model", spec.target().model());
        if (spec.target().deployment() instanceof JobDeployment.Disaggregated d) {
            config.put("mode", "disaggregated");
            config.put("prefill_tensor_parallelism", d.prefillTp());
            config.put("prefill_data_parallelism", d.prefillDp());
            config.put("decode_tensor_parallelism", d.decodeTp());
            config.put("decode_data_parallelism", d.decodeDp());
        } else if (spec.target().deployment() instanceof JobDeployment.Aggregated a) {
            config.put("mode", "aggregated");
            config.put("tensor_parallelism", a.tp());
            config.put("data_parallelism", a.dp());
        }
        return config;
    }
}
