package io.perfsweep.events;

/**
 * The events perfsweep publishes: CloudEvents {@code type}, the subject suffix under
 * {@code perfsweep.events} and the versioned schema of the {@code data}.
 */
public enum EventType {
    /** A sweep point finished and was stored; data is {@link PointCompletedEvent}. */
    POINT_COMPLETED("io.perfsweep.point.completed.v1", "point.completed", "perfsweep/point-completed/v1"),
    /** A job finished every point; data is {@link JobCompletedEvent}. */
    JOB_COMPLETED("io.perfsweep.job.completed.v1", "job.completed", "perfsweep/job-completed/v1"),
    /** A job was rejected, failed or cancelled; data is {@link JobFailedEvent}. */
    JOB_FAILED("io.perfsweep.job.failed.v1", "job.failed", "perfsweep/job-failed/v1");

    private final String type;
    private final String subjectSuffix;
    private final String schema;

    EventType(String type, String subjectSuffix, String schema) {
        this.type = type;
        this.subjectSuffix = subjectSuffix;
        this.schema = schema;
    }

    public String type() {
        return type;
    }

    public String subjectSuffix() {
        return subjectSuffix;
    }

    public String schema() {
        return schema;
    }
}
