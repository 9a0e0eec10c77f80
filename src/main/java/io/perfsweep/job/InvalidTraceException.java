package io.perfsweep.job;

/** An upload that is not a trace perfsweep can keep: empty, too large, or not Mooncake JSONL (naming the line). */
public class InvalidTraceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidTraceException(String reason) {
        super(reason);
    }
}
