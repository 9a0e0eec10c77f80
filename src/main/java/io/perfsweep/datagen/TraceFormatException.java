package io.perfsweep.datagen;

/** A trace line that is not a valid Mooncake JSON object; names the 1-based line number. */
public class TraceFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public TraceFormatException(long lineNumber, String reason) {
        super("line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    public TraceFormatException(long lineNumber, String reason, Throwable cause) {
        super("line " + lineNumber + ": " + reason, cause);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line number of the offending line. */
    public long lineNumber() {
        return lineNumber;
    }
}
