package io.perfsweep.job;

/**
 * What became of a job message.
 *
 * @param jobId the job's id
 * @param outcome what the intake does with the message
 * @param job the job to run, for {@link Outcome#RUN}; null otherwise
 * @param reason why it was rejected, for {@link Outcome#REJECTED}
 */
public record Submission(String jobId, Outcome outcome, PreparedJob job, String reason) {

    /** The fate of a message. */
    public enum Outcome {
        /** Valid and not finished: run (or resume) it, acknowledge when it ends. */
        RUN,
        /** Invalid: stored as REJECTED with its reason, never to be redelivered. */
        REJECTED,
        /** A job with this id already finished: it runs once, however often it is delivered. */
        ALREADY_FINISHED
    }

    static Submission run(PreparedJob job) {
        return new Submission(job.id(), Outcome.RUN, job, null);
    }

    static Submission rejected(String jobId, String reason) {
        return new Submission(jobId, Outcome.REJECTED, null, reason);
    }

    static Submission alreadyFinished(String jobId) {
        return new Submission(jobId, Outcome.ALREADY_FINISHED, null, null);
    }
}
