package io.perfsweep.spec;

/** Reads {@code workload} of a job spec: its {@code type} picks the record and the fields it may have. */
final class WorkloadReader {

    private final Violations violations;

    WorkloadReader(Violations violations) {
        this.violations = violations;
    }

    /** The workload, the synthetic default when absent, or that default after recording a wrong type. */
    JobWorkload read(SpecObject workload) {
        if (workload == null) {
            return JobWorkload.Synthetic.DEFAULT;
        }
        String type = workload.string("type", "synthetic");
        return switch (type) {
            case "synthetic" -> synthetic(workload);
            case "trace" -> trace(workload);
            case "prefix" -> prefix(workload);
            case "plannerProfile" -> plannerProfile(workload);
            default -> {
                violations.add(workload.path("type"), SpecObject.show(workload.raw("type")),
                        "must be synthetic, trace, prefix or plannerProfile");
                yield JobWorkload.Synthetic.DEFAULT;
            }
        };
    }

    private static JobWorkload synthetic(SpecObject workload) {
        workload.allowOnly("a synthetic workload", "type", "isl", "islStd", "osl", "oslStd", "seed");
        var d = JobWorkload.Synthetic.DEFAULT;
        return new JobWorkload.Synthetic(workload.integer("isl", d.islTokens()),
                workload.integer("islStd", d.islStdTokens()), workload.integer("osl", d.oslTokens()),
                workload.integer("oslStd", d.oslStdTokens()), workload.longInteger("seed", d.seed()));
    }

    private static JobWorkload trace(SpecObject workload) {
        workload.allowOnly("a trace workload", "type", "file", "url", "traceId", "blockSize", "seed");
        return new JobWorkload.Trace(workload.string("file", null), workload.string("url", null),
                workload.string("traceId", null),
                workload.integer("blockSize", JobWorkload.Trace.DEFAULT_BLOCK_SIZE_TOKENS),
                workload.longInteger("seed", 0L));
    }

    private static JobWorkload prefix(SpecObject workload) {
        workload.allowOnly("a prefix workload", "type", "prefixRatios", "isl", "osl", "prefixPromptCount", "seed");
        var d = JobWorkload.Prefix.DEFAULT;
        return new JobWorkload.Prefix(workload.numbers("prefixRatios", d.prefixRatios()),
                workload.integer("isl", d.islTokens()), workload.integer("osl", d.oslTokens()),
                workload.integer("prefixPromptCount", d.prefixPromptCount()), workload.longInteger("seed", d.seed()));
    }

    private static JobWorkload plannerProfile(SpecObject workload) {
        workload.allowOnly("a plannerProfile workload", "type", "maxContextLength", "prefillGranularity",
                "decodeGranularity", "decodeOsl", "gpusPerEngine", "attentionDp", "maxKvTokens", "seed");
        var d = JobWorkload.PlannerProfile.DEFAULT;
        return new JobWorkload.PlannerProfile(workload.integer("maxContextLength", null),
                workload.integer("prefillGranularity", d.prefillGranularity()),
                workload.integer("decodeGranularity", d.decodeGranularity()),
                workload.integer("decodeOsl", d.decodeOsl()), workload.integer("gpusPerEngine", d.gpusPerEngine()),
                workload.integer("attentionDp", d.attentionDp()), workload.longInteger("maxKvTokens", null),
                workload.longInteger("seed", d.seed()));
    }
}
