package io.perfsweep.server;

/** A metrics exposition that is not valid text format 0.0.4 or OpenMetrics 1.0; names the offending line. */
public final class ExpositionFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LINE_SHOWN = 200;

    private final int lineNumber;
    private final String line;

    ExpositionFormatException(int lineNumber, String line, String problem) {
        super("line " + lineNumber + ": " + problem + ": " + shorten(line));
        this.lineNumber = lineNumber;
        this.line = line;
    }

    private static String shorten(String line) {
        return line.length() <= MAX_LINE_SHOWN ? line : line.substring(0, MAX_LINE_SHOWN) + "…";
    }

    /** 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as received. */
    public String line() {
        return line;
    }
}
