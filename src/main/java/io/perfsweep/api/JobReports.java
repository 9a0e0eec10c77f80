package io.perfsweep.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.perfsweep.job.JobInputConfig;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.PrefixRatioSummaries;
import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.report.InputConfig;
import io.perfsweep.report.JobHeader;
import io.perfsweep.report.JobReport;
import io.perfsweep.report.PrefixRatioResults;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobSpec;
import io.perfsweep.spec.JobWorkload;
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
        // the service looks its tokenizer up by the model id
        InputConfig.Run inputs = spec != null ? JobInputConfig.run(spec, spec.target().model())
                : new InputConfig.Run(job.name, job.targetUrl, null, job.model, null, null, null, null);
        return new JobHeader(job.id, job.name, job.state.name(), job.reason, job.targetUrl, job.model,
                spec == null ? null : spec.deploymentLabel(), gpus, spec == null ? Map.of() : spec.tags(),
                job.createdAt, job.startedAt, job.finishedAt, inputs, job.verdict, job.search);
    }
}
