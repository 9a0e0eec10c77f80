package io.perfsweep.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job a job is compared with when it finishes ({@code "baseline"}): by id ({@code {"jobId": "…"}}) or the latest
 * succeeded job of a name ({@code {"name": "…"}}), exactly one of the two. It is looked up when the job finishes, not
 * when it is submitted, so a baseline queued ahead of it on the same target counts; one that is then unknown or not
 * succeeded makes the verdict {@code inconclusive} with the reason, and the job itself still succeeds.
 *
 * @param jobId the baseline job's id, or null
 * @param name the name whose latest succeeded job is the baseline, or null
 */
public record JobBaseline(String jobId, String name) {

    /** As the job spec writes it, and the verdict block names the baseline asked for. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (jobId != null) {
            json.put("jobId", jobId);
        }
        if (name != null) {
            json.put("name", name);
        }
        return json;
    }
}
